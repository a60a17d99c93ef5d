package gatefold.server.albums;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * CRC-32 arithmetic for zip entries whose bytes are pieces: a stamped book is the original
 * followed by a per-buyer suffix, and its CRC must be known before any byte is sent. With
 * the original's CRC computed once at upload, {@link #combine} gives the stamped copy's CRC
 * from the suffix alone.
 */
public final class Crc32Combine {

    private static final int BITS = 32;
    private static final long POLYNOMIAL = 0xEDB88320L;
    private static final int READ_BUFFER = 64 * 1024;

    private Crc32Combine() {
    }

    /**
     * The CRC-32 of A followed by B, from the CRC of A, the CRC of B and B's length: zlib's
     * {@code crc32_combine}. Appending {@code length2} zero bits to A is a linear map over
     * GF(2); squaring its matrix doubles the zeros, so the cost is logarithmic in the length.
     */
    public static long combine(long crc1, long crc2, long length2) {
        if (length2 <= 0) {
            return crc1;
        }
        long[] even = new long[BITS];
        long[] odd = new long[BITS];
        odd[0] = POLYNOMIAL; // the operator for one zero bit
        long row = 1;
        for (int n = 1; n < BITS; n++) {
            odd[n] = row;
            row <<= 1;
        }
        square(even, odd); // two zero bits
        square(odd, even); // four zero bits
        long crc = crc1 & 0xFFFFFFFFL;
        long remaining = length2;
        do {
            square(even, odd); // first pass: one zero byte
            if ((remaining & 1) != 0) {
                crc = times(even, crc);
            }
            remaining >>>= 1;
            if (remaining == 0) {
                break;
            }
            square(odd, even);
            if ((remaining & 1) != 0) {
                crc = times(odd, crc);
            }
            remaining >>>= 1;
        } while (remaining != 0);
        return crc ^ (crc2 & 0xFFFFFFFFL);
    }

    /** The CRC-32 of everything the stream yields (it is read to the end, not closed). */
    public static long of(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[READ_BUFFER];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            crc.update(buffer, 0, n);
        }
        return crc.getValue();
    }

    /** The CRC-32 of {@code length} bytes of a file from {@code offset}, streamed through a small buffer. */
    public static long of(Path file, long offset, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocateDirect(READ_BUFFER);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException(file + " ends at " + position + ", before byte " + end);
                }
                crc.update(buffer.flip());
                position += n;
            }
        }
        return crc.getValue();
    }

    private static long times(long[] matrix, long vector) {
        long sum = 0;
        for (int i = 0; vector != 0; i++, vector >>>= 1) {
            if ((vector & 1) != 0) {
                sum ^= matrix[i];
            }
        }
        return sum;
    }

    private static void square(long[] square, long[] matrix) {
        for (int n = 0; n < BITS; n++) {
            square[n] = times(matrix, matrix[n]);
        }
    }
}
