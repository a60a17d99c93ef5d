package gatefold.server.storefront;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * A track's length, read from the first bytes of a FLAC (STREAMINFO) or WAV (fmt and data
 * chunks) file. Other formats, or headers that do not add up, give no duration.
 */
public final class AudioDuration {

    /** How much of a file's start to read; enough for STREAMINFO and the usual WAV chunks. */
    public static final int HEAD_BYTES = 64 * 1024;

    private AudioDuration() {
    }

    public static Optional<Long> seconds(byte[] head) {
        if (head.length >= 42 && head[0] == 'f' && head[1] == 'L' && head[2] == 'a' && head[3] == 'C') {
            return flac(head);
        }
        if (head.length >= 12 && ascii(head, 0, "RIFF") && ascii(head, 8, "WAVE")) {
            return wav(head);
        }
        return Optional.empty();
    }

    /** "m:ss", or "h:mm:ss" from an hour up. */
    public static String format(long seconds) {
        long h = seconds / 3600;
        long m = (seconds % 3600) / 60;
        long s = seconds % 60;
        return h > 0 ? String.format("%d:%02d:%02d", h, m, s) : String.format("%d:%02d", m, s);
    }

    private static Optional<Long> flac(byte[] b) {
        // The first metadata block must be STREAMINFO (type 0), 34 bytes long.
        if ((b[4] & 0x7f) != 0) {
            return Optional.empty();
        }
        int p = 8 + 10;
        long sampleRate = ((b[p] & 0xffL) << 12) | ((b[p + 1] & 0xffL) << 4) | ((b[p + 2] & 0xf0L) >> 4);
        long totalSamples = ((b[p + 3] & 0x0fL) << 32) | ((b[p + 4] & 0xffL) << 24) | ((b[p + 5] & 0xffL) << 16)
                | ((b[p + 6] & 0xffL) << 8) | (b[p + 7] & 0xffL);
        if (sampleRate == 0 || totalSamples == 0) {
            return Optional.empty();
        }
        return Optional.of(Math.round((double) totalSamples / sampleRate));
    }

    private static Optional<Long> wav(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long byteRate = 0;
        int p = 12;
        while (p + 8 <= b.length) {
            long size = buf.getInt(p + 4) & 0xffffffffL;
            if (ascii(b, p, "fmt ") && p + 20 <= b.length) {
                byteRate = buf.getInt(p + 8 + 8) & 0xffffffffL;
            } else if (ascii(b, p, "data")) {
                return byteRate == 0 || size == 0 || size == 0xffffffffL ? Optional.empty()
                        : Optional.of(Math.round((double) size / byteRate));
            }
            long next = p + 8 + size + (size & 1);
            if (next > b.length) {
                break;
            }
            p = (int) next;
        }
        return Optional.empty();
    }

    private static boolean ascii(byte[] b, int at, String text) {
        if (at + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
