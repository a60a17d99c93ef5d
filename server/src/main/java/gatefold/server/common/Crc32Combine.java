package gatefold.server.common;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/**
 * The CRC-32 of two byte runs joined, from the CRC of each and the length of the second,
 * without reading either again: zlib's {@code crc32_combine} (the 1.2.12 version, which
 * multiplies by x^(8n) modulo the polynomial in O(log n) steps). A stamped copy's CRC, and
 * each stamped zip entry's, comes from CRCs taken once at preparation and the buyer's few
 * bytes. Same polynomial as {@link java.util.zip.CRC32}.
 */
public final class Crc32Combine {

    private static final int READ_BUFFER = 64 * 1024;

    private static final int POLY = 0xedb88320;
    /** X2N[k] is x^(2^k) modulo the polynomial, bit-reflected like the CRC itself. */
    private static final int[] X2N = new int[32];

    static {
        int p = 1 << 30; // x^1
        X2N[0] = p;
        for (int n = 1; n < 32; n++) {
            p = multiply(p, p);
            X2N[n] = p;
        }
    }

    private Crc32Combine() {
    }

    /** The CRC-32 of A followed by B, given crc(A), crc(B) and B's length. */
    public static long combine(long crcA, long crcB, long lengthB) {
        if (lengthB < 0) {
            throw new IllegalArgumentException("negative length " + lengthB);
        }
        int shifted = multiply(xToThe8n(lengthB), (int) crcA);
        return (shifted ^ (int) crcB) & 0xffffffffL;
    }

    /**
     * The shift that appending {@code length} bytes applies to a CRC, to reuse with
     * {@link #combineShifted} when the same length comes up again and again.
     */
    public static int shift(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("negative length " + length);
        }
        return xToThe8n(length);
    }

    /** The CRC-32 of A followed by B, given crc(A), the {@link #shift} for B's length, and crc(B). */
    public static long combineShifted(long crcA, int shiftB, long crcB) {
        return (multiply(shiftB, (int) crcA) ^ (int) crcB) & 0xffffffffL;
    }

    /** a times b modulo the polynomial, both bit-reflected. */
    private static int multiply(int a, int b) {
        int m = 1 << 31;
        int product = 0;
        while (m != 0) {
            if ((a & m) != 0) {
                product ^= b;
                if ((a & (m - 1)) == 0) {
                    break;
                }
            }
            m >>>= 1;
            b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
        }
        return product;
    }

    /** x^(8n) modulo the polynomial: the shift that appending n zero bytes applies. */
    private static int xToThe8n(long n) {
        int p = 1 << 31; // x^0
        int k = 3;
        while (n != 0) {
            if ((n & 1) != 0) {
                p = multiply(X2N[k & 31], p);
            }
            n >>>= 1;
            k++;
        }
        return p;
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
}
