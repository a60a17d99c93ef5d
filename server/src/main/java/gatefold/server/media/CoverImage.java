package gatefold.server.media;

import gatefold.server.common.Refusal;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A release's cover as a JPEG file, with the size that picture blocks and ID3 frames need.
 * Its bytes are streamed into files, never passed as an argument (Linux limits one argument
 * to 128 KiB) and never held whole in memory.
 */
record CoverImage(Path file, long size, int width, int height) {

    /** FLAC / ID3 picture type 3: "Cover (front)". */
    static final int FRONT_COVER = 3;
    static final String MIME = "image/jpeg";
    private static final int LARGEST = 16 * 1024 * 1024;

    static CoverImage read(Path jpeg) {
        try (InputStream in = Files.newInputStream(jpeg)) {
            byte[] magic = in.readNBytes(3);
            if (magic.length < 3 || (magic[0] & 0xff) != 0xff || (magic[1] & 0xff) != 0xd8 || (magic[2] & 0xff) != 0xff) {
                throw Refusal.invalid("the cover must be a JPEG image");
            }
            long size = Files.size(jpeg);
            if (size > LARGEST) {
                throw Refusal.tooLarge("the cover is larger than 16 MiB; a 3000 × 3000 JPEG is plenty");
            }
            int[] dimensions = dimensions(jpeg);
            return new CoverImage(jpeg, size, dimensions[0], dimensions[1]);
        } catch (IOException e) {
            throw Refusal.invalid("the cover cannot be read: " + FfmpegErrors.clean(String.valueOf(e.getMessage()), jpeg));
        }
    }

    /** Width and height from the JPEG header (no decoding); zeros when unreadable, which readers accept. */
    private static int[] dimensions(Path jpeg) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(jpeg.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return new int[] {0, 0};
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } catch (IOException | RuntimeException e) {
                return new int[] {0, 0};
            } finally {
                reader.dispose();
            }
        }
    }

    /** Length of the FLAC picture block {@link #writePictureBlock} writes. */
    long pictureBlockLength() {
        return 4 + 4 + MIME.length() + 4 + 0 + 16 + 4 + size;
    }

    /**
     * A FLAC METADATA_BLOCK_PICTURE body (RFC 9639 section 8.8): what Vorbis and Opus
     * comments carry, base64-encoded, as their cover.
     */
    void writePictureBlock(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(FRONT_COVER);
        data.writeInt(MIME.length());
        data.write(MIME.getBytes(StandardCharsets.US_ASCII));
        data.writeInt(0); // no description
        data.writeInt(width);
        data.writeInt(height);
        data.writeInt(24); // colour depth of a JPEG
        data.writeInt(0); // not an indexed-colour picture
        data.writeInt((int) size);
        data.flush();
        copyTo(out);
    }

    void copyTo(OutputStream out) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        }
    }
}
