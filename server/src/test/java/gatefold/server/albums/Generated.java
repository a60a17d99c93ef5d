package gatefold.server.albums;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Bytes made up on demand: byte {@code p} of a seeded source is a pure function of the seed
 * and {@code p}, so any range can be read without storing the whole; seed 0 is all zeros
 * (which a sparse file stores for free).
 */
record Generated(long seed, long size) implements ItemBytes {

    static final long ZEROS = 0;

    byte at(long position) {
        if (seed == ZEROS) {
            return 0;
        }
        return (byte) (mix(seed ^ (position >>> 3) * 0x9E3779B97F4A7C15L) >>> ((position & 7) * 8));
    }

    @Override
    public InputStream open(long offset, long length) {
        if (offset < 0 || length < 1 || offset + length > size) {
            throw new IllegalArgumentException("bad range " + offset + "+" + length + " of " + size);
        }
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() {
                return position < end ? at(position++) & 0xFF : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= end) {
                    return -1;
                }
                int n = (int) Math.min(len, end - position);
                if (seed == ZEROS) {
                    Arrays.fill(b, off, off + n, (byte) 0);
                } else {
                    for (int i = 0; i < n; i++) {
                        b[off + i] = at(position + i);
                    }
                }
                position += n;
                return n;
            }
        };
    }

    long crc32() throws IOException {
        CRC32 crc = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = size == 0 ? InputStream.nullInputStream() : open(0, size)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                crc.update(buffer, 0, n);
            }
        }
        return crc.getValue();
    }

    byte[] bytes() throws IOException {
        try (InputStream in = size == 0 ? InputStream.nullInputStream() : open(0, size)) {
            return in.readAllBytes();
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
