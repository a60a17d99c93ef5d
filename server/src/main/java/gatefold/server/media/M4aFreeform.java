package gatefold.server.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Adds an iTunes free-form field ({@code ----}, mean "com.apple.iTunes") to an M4A that
 * ffmpeg has finished: ffmpeg 5.1 writes only the fields iTunes names (©nam, aART, ...) and
 * drops the rest, so CREDITS needs this. ffmpeg writes the movie box last with the item list
 * last inside it (moov > udta > meta > ilst), so the field is appended at the end of the file
 * and those four box sizes grow; the audio does not move and no chunk offset changes. Any
 * other layout is refused rather than guessed at.
 */
final class M4aFreeform {

    private static final String[] PATH = {"moov", "udta", "meta", "ilst"};

    private M4aFreeform() {
    }

    static void append(Path m4a, String name, String value) throws IOException {
        byte[] atom = freeform(name, value);
        try (FileChannel channel = FileChannel.open(m4a, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long end = channel.size();
            long[] headers = new long[PATH.length];
            long start = 0;
            for (int depth = 0; depth < PATH.length; depth++) {
                long box = lastChild(channel, start, end);
                if (!type(channel, box).equals(PATH[depth]) || box + size(channel, box) != end) {
                    throw new IOException("the M4A ffmpeg wrote does not end with moov/udta/meta/ilst");
                }
                headers[depth] = box;
                start = box + 8 + (PATH[depth].equals("meta") ? 4 : 0); // meta is a full box
            }
            channel.write(ByteBuffer.wrap(atom), end);
            for (long box : headers) {
                long grown = size(channel, box) + atom.length;
                if (grown > 0xFFFF_FFFFL) {
                    throw new IOException("the M4A's metadata would pass 4 GiB");
                }
                channel.write(ByteBuffer.allocate(4).putInt((int) grown).flip(), box);
            }
        }
    }

    /** The offset of the last box between start and end (boxes tile their parent exactly). */
    private static long lastChild(FileChannel channel, long start, long end) throws IOException {
        long at = start;
        long last = -1;
        while (at < end) {
            long size = size(channel, at);
            if (size < 8 || at + size > end) {
                throw new IOException("the M4A ffmpeg wrote has a box of size " + size + " at " + at);
            }
            last = at;
            at += size;
        }
        if (last < 0) {
            throw new IOException("the M4A ffmpeg wrote has an empty box where metadata belongs");
        }
        return last;
    }

    /** A 32-bit box size; the 64-bit (1) and to-the-end (0) forms fall below 8 and are refused. */
    private static long size(FileChannel channel, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4);
        channel.read(buffer, at);
        return Integer.toUnsignedLong(buffer.getInt(0));
    }

    private static String type(FileChannel channel, long at) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4);
        channel.read(buffer, at + 4);
        return new String(buffer.array(), StandardCharsets.ISO_8859_1);
    }

    /** ---- { mean "com.apple.iTunes", name NAME, data (type 1 = UTF-8) VALUE }. */
    static byte[] freeform(String name, String value) {
        byte[] mean = box("mean", concat(new byte[4], "com.apple.iTunes".getBytes(StandardCharsets.UTF_8)));
        byte[] nameBox = box("name", concat(new byte[4], name.getBytes(StandardCharsets.UTF_8)));
        byte[] data = box("data", concat(new byte[] {0, 0, 0, 1, 0, 0, 0, 0}, value.getBytes(StandardCharsets.UTF_8)));
        return box("----", concat(concat(mean, nameBox), data));
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length)
                .put(type.getBytes(StandardCharsets.ISO_8859_1)).put(body).array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(a.length + b.length);
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
