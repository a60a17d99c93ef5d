package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads a ustar archive one entry at a time from a stream, never seeking and never holding an
 * entry. Only plain files are accepted (a link, device or unknown kind is refused by name);
 * directory entries are skipped. A header with a wrong checksum, or an archive that ends in
 * the middle of an entry, is refused: the importer then undoes everything.
 */
final class TarReader {

    /** One file in the archive: its name and size as the header says; read it from {@link #body()}. */
    record Entry(String name, long size) {
    }

    private final InputStream in;
    private long remaining;
    private int padding;
    private final BodyStream body = new BodyStream();

    TarReader(InputStream in) {
        this.in = in;
    }

    /** The next file entry, or empty at the archive's end; whatever is left of the previous entry is skipped. */
    Optional<Entry> next() throws IOException {
        skip(remaining + padding);
        remaining = 0;
        padding = 0;
        while (true) {
            byte[] h = in.readNBytes(TarWriter.BLOCK);
            if (h.length == 0 && !started) {
                throw Refusal.invalid("The archive is empty.");
            }
            if (h.length < TarWriter.BLOCK) {
                throw Refusal.invalid("The archive ends in the middle of a header: it is truncated.");
            }
            started = true;
            if (isZero(h)) {
                return Optional.empty();
            }
            Entry entry = parse(h);
            remaining = entry.size();
            padding = (int) ((TarWriter.BLOCK - entry.size() % TarWriter.BLOCK) % TarWriter.BLOCK);
            if (h[156] == '5') {
                continue;
            }
            return Optional.of(entry);
        }
    }

    private boolean started;

    /** The current entry's bytes; reading past its end gives -1, and a stream that ends early is refused. */
    InputStream body() {
        return body;
    }

    private static Entry parse(byte[] h) {
        if (!new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
            throw Refusal.invalid("This is not a Gatefold archive (a tar file from `gatefold export`): no tar header found.");
        }
        long stored = octal(h, 148, 8);
        long sum = 0;
        for (int i = 0; i < h.length; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (stored != sum) {
            throw Refusal.invalid("The archive has a damaged header (checksum mismatch).");
        }
        String name = text(h, 0, 100);
        String prefix = text(h, 345, 155);
        if (!prefix.isEmpty()) {
            name = prefix + "/" + name;
        }
        byte type = h[156];
        if (type != '0' && type != 0 && type != '5') {
            throw Refusal.invalid("The archive entry \"" + name + "\" is not a plain file (type '" + (char) type
                    + "'); a Gatefold archive holds only files.");
        }
        long size = (h[124] & 0x80) != 0 ? base256(h) : octal(h, 124, 12);
        if (size < 0) {
            throw Refusal.invalid("The archive entry \"" + name + "\" has a negative size.");
        }
        return new Entry(name, size);
    }

    private static long base256(byte[] h) {
        long size = 0;
        for (int i = 125; i < 136; i++) {
            if (i < 128 && h[i] != 0) {
                throw Refusal.invalid("An archive entry claims a size beyond any disk.");
            }
            size = (size << 8) | (h[i] & 0xff);
        }
        return size;
    }

    private static long octal(byte[] h, int at, int width) {
        long value = 0;
        boolean digits = false;
        for (int i = at; i < at + width; i++) {
            byte b = h[i];
            if (b >= '0' && b <= '7') {
                value = value * 8 + (b - '0');
                digits = true;
            } else if ((b == 0 || b == ' ') && digits) {
                break;
            } else if (b != ' ' && b != 0) {
                throw Refusal.invalid("The archive has a damaged header (a number field holds '" + (char) b + "').");
            }
        }
        return value;
    }

    private static String text(byte[] h, int at, int width) {
        int end = at;
        while (end < at + width && h[end] != 0) {
            end++;
        }
        return new String(h, at, end - at, StandardCharsets.UTF_8);
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    /** Reads past {@code n} bytes: InputStream.skip seeks, which a pipe (an archive piped in, a FIFO) refuses with "Illegal seek". */
    private void skip(long n) throws IOException {
        long left = n;
        byte[] scratch = new byte[(int) Math.min(n, 8192)];
        while (left > 0) {
            int read = in.read(scratch, 0, (int) Math.min(left, scratch.length));
            if (read < 0) {
                throw Refusal.invalid("The archive ends in the middle of an entry: it is truncated.");
            }
            left -= read;
        }
    }

    /** The current entry's bytes, bounded by its size. */
    private final class BodyStream extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n < 0) {
                throw new EOFException("The archive ends in the middle of an entry: it is truncated.");
            }
            remaining -= n;
            return n;
        }
    }
}
