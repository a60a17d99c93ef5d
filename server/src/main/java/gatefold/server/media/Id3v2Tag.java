package gatefold.server.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ID3v2.3 tag (v2.3 because Windows reads it; v2.4 it does not) for MP3, WAV and AIFF.
 * Written here because ffmpeg 5.1 cannot do it fully: its wav muxer writes RIFF INFO only
 * (no album artist, disc or composer), and its ID3 writer puts the comment in a TXXX frame
 * that players do not show, where COMM belongs. Text is UTF-16 with a byte order mark, the
 * only Unicode encoding v2.3 has.
 */
final class Id3v2Tag {

    private static final Map<String, String> FRAMES = Map.ofEntries(
            Map.entry("title", "TIT2"), Map.entry("artist", "TPE1"), Map.entry("album", "TALB"),
            Map.entry("album_artist", "TPE2"), Map.entry("track", "TRCK"), Map.entry("disc", "TPOS"),
            Map.entry("date", "TYER"), Map.entry("genre", "TCON"), Map.entry("composer", "TCOM"),
            Map.entry("copyright", "TCOP"));

    private final List<byte[]> textFrames = new ArrayList<>();
    private final Optional<CoverImage> cover;

    /** A tag holding the given ffmpeg-named fields ({@link TrackTags#ffmpegFields}) and the cover. */
    Id3v2Tag(Map<String, String> fields, Optional<CoverImage> cover) {
        this.cover = cover;
        fields.forEach((key, value) -> textFrames.add(frame(key, value)));
    }

    /** Bytes {@link #writeTo} writes: the 10-byte header and every frame. */
    long length() {
        return 10 + framesLength();
    }

    void writeTo(OutputStream out) throws IOException {
        long frames = framesLength();
        if (frames >= (1L << 28)) {
            throw new IOException("an ID3 tag cannot hold more than 256 MiB");
        }
        out.write(new byte[] {'I', 'D', '3', 3, 0, 0});
        out.write(new byte[] {(byte) (frames >> 21 & 0x7f), (byte) (frames >> 14 & 0x7f), (byte) (frames >> 7 & 0x7f),
            (byte) (frames & 0x7f)});
        for (byte[] frame : textFrames) {
            out.write(frame);
        }
        if (cover.isPresent()) {
            out.write(header("APIC", apicPrefix().length + cover.get().size()));
            out.write(apicPrefix());
            cover.get().copyTo(out);
        }
    }

    private long framesLength() {
        long length = textFrames.stream().mapToLong(f -> f.length).sum();
        return cover.map(c -> length + 10 + apicPrefix().length + c.size()).orElse(length);
    }

    private static byte[] frame(String key, String value) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(1); // UTF-16 with BOM
        String id = FRAMES.get(key);
        if (key.equals("comment")) {
            id = "COMM";
            body.writeBytes("eng".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(utf16(""));
            body.writeBytes(new byte[] {0, 0});
        } else if (id == null) {
            id = "TXXX"; // a field ID3 has no frame for (CREDITS): description, then value
            body.writeBytes(utf16(key));
            body.writeBytes(new byte[] {0, 0});
        }
        body.writeBytes(utf16(value));
        byte[] payload = body.toByteArray();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(header(id, payload.length));
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    /** APIC before the picture: Latin-1 text, MIME type, picture type, empty description. */
    private static byte[] apicPrefix() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0);
        out.writeBytes(CoverImage.MIME.getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.write(CoverImage.FRONT_COVER);
        out.write(0);
        return out.toByteArray();
    }

    /** v2.3 frame header: id, a plain (not sync-safe) 32-bit size, no flags. */
    private static byte[] header(String id, long size) {
        byte[] bytes = new byte[10];
        System.arraycopy(id.getBytes(StandardCharsets.US_ASCII), 0, bytes, 0, 4);
        bytes[4] = (byte) (size >> 24);
        bytes[5] = (byte) (size >> 16);
        bytes[6] = (byte) (size >> 8);
        bytes[7] = (byte) size;
        return bytes;
    }

    private static byte[] utf16(String text) {
        byte[] bom = {(byte) 0xff, (byte) 0xfe};
        byte[] body = text.getBytes(StandardCharsets.UTF_16LE);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 2);
        System.arraycopy(body, 0, all, 2, body.length);
        return all;
    }
}
