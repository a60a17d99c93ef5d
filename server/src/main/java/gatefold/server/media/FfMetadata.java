package gatefold.server.media;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Writes tags as an ffmetadata file that ffmpeg reads with {@code -f ffmetadata -i FILE}, so
 * no tag value and no cover is ever an argument. In that format '=', ';', '#', '\' and a line
 * break inside a key or value are escaped with a backslash.
 */
final class FfMetadata {

    /** The Vorbis comment that carries a cover in Ogg Vorbis and Opus (ffmpeg 5.1 cannot attach one there). */
    static final String PICTURE_KEY = "METADATA_BLOCK_PICTURE";

    private FfMetadata() {
    }

    static void write(Path file, Map<String, String> fields, Optional<CoverImage> pictureComment) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            out.write(";FFMETADATA1\n".getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> field : fields.entrySet()) {
                out.write((escape(field.getKey()) + "=" + escape(field.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (pictureComment.isPresent()) {
                out.write((PICTURE_KEY + "=").getBytes(StandardCharsets.UTF_8));
                OutputStream base64 = Base64.getEncoder().wrap(new EscapingStream(out));
                pictureComment.get().writePictureBlock(base64);
                base64.close(); // writes the padding; EscapingStream keeps `out` open
                out.write('\n');
            }
        }
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '=' || c == ';' || c == '#' || c == '\\' || c == '\n') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Escapes the '=' padding of base64 on its way out, and leaves the underlying stream open. */
    private static final class EscapingStream extends FilterOutputStream {
        EscapingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            if (b == '=') {
                out.write('\\');
            }
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
