package gatefold.server.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A second, independent reader for the ID3 chunk of a WAV ("id3 ", little-endian RIFF) or
 * an AIFF ("ID3 ", big-endian FORM): frames by id (TXXX as "TXXX:description"), the APIC
 * picture and its type. Checks the container sizes on the way, as strict players do.
 */
record Id3ChunkReader(int version, Map<String, String> frames, byte[] picture, int pictureType) {

    static Id3ChunkReader read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String container = new String(bytes, 0, 4, StandardCharsets.US_ASCII);
        ByteOrder order = container.equals("RIFF") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(order);
        if (Integer.toUnsignedLong(buffer.getInt(4)) + 8 != bytes.length) {
            throw new AssertionError(container + " size field does not match the file length");
        }
        int at = 12;
        while (at + 8 <= bytes.length) {
            String id = new String(bytes, at, 4, StandardCharsets.US_ASCII);
            int size = buffer.getInt(at + 4);
            if (id.equalsIgnoreCase("id3 ")) {
                return parse(Arrays.copyOfRange(bytes, at + 8, at + 8 + size));
            }
            at += 8 + size + (size & 1);
        }
        throw new AssertionError("no ID3 chunk in " + file.getFileName());
    }

    private static Id3ChunkReader parse(byte[] tag) {
        if (tag[0] != 'I' || tag[1] != 'D' || tag[2] != '3' || tag[5] != 0) {
            throw new AssertionError("not a plain ID3v2 tag");
        }
        int version = tag[3];
        int end = 10 + syncsafe(tag, 6);
        Map<String, String> frames = new HashMap<>();
        byte[] picture = null;
        int pictureType = -1;
        int at = 10;
        while (at + 10 <= end && tag[at] != 0) {
            String id = new String(tag, at, 4, StandardCharsets.US_ASCII);
            int size = version == 4 ? syncsafe(tag, at + 4) : ByteBuffer.wrap(tag, at + 4, 4).getInt();
            byte[] body = Arrays.copyOfRange(tag, at + 10, at + 10 + size);
            at += 10 + size;
            if (id.equals("APIC")) {
                int mimeEnd = indexOf(body, 1, 1);
                pictureType = body[mimeEnd + 1];
                int descEnd = terminator(body, mimeEnd + 2, body[0]);
                picture = Arrays.copyOfRange(body, descEnd + width(body[0]), body.length);
            } else if (id.equals("TXXX") || id.equals("COMM")) {
                int start = id.equals("COMM") ? 4 : 1;
                int descEnd = terminator(body, start, body[0]);
                String description = text(body, start, descEnd, body[0]);
                String value = text(body, descEnd + width(body[0]), body.length, body[0]);
                frames.put(id.equals("TXXX") ? "TXXX:" + description : id, value);
            } else if (id.startsWith("T")) {
                frames.put(id, text(body, 1, body.length, body[0]));
            }
        }
        return new Id3ChunkReader(version, frames, picture, pictureType);
    }

    private static String text(byte[] body, int from, int to, byte encoding) {
        Charset charset = switch (encoding) {
            case 0 -> StandardCharsets.ISO_8859_1;
            case 1 -> StandardCharsets.UTF_16;
            case 2 -> StandardCharsets.UTF_16BE;
            default -> StandardCharsets.UTF_8;
        };
        String text = new String(body, from, Math.max(0, to - from), charset);
        return text.replaceAll("\u0000+$", "");
    }

    private static int width(byte encoding) {
        return encoding == 1 || encoding == 2 ? 2 : 1;
    }

    /** Where a string ends: one zero byte, or two aligned ones for UTF-16. */
    private static int terminator(byte[] body, int from, byte encoding) {
        if (width(encoding) == 1) {
            return indexOf(body, from, 1);
        }
        for (int i = from; i + 1 < body.length; i += 2) {
            if (body[i] == 0 && body[i + 1] == 0) {
                return i;
            }
        }
        return body.length;
    }

    private static int indexOf(byte[] body, int from, int step) {
        for (int i = from; i < body.length; i += step) {
            if (body[i] == 0) {
                return i;
            }
        }
        return body.length;
    }

    private static int syncsafe(byte[] bytes, int at) {
        return (bytes[at] & 0x7f) << 21 | (bytes[at + 1] & 0x7f) << 14 | (bytes[at + 2] & 0x7f) << 7 | (bytes[at + 3] & 0x7f);
    }
}
