package gatefold.server.moving;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes a POSIX ustar archive as it goes: a 512-byte header, the bytes, padding to the next
 * 512. Nothing is buffered beyond one copy buffer, so an archive of any size streams. A size
 * past ustar's 8 GiB octal field is written in the base-256 form GNU tar and bsdtar read.
 * Names are ours (see {@link ArchiveLayout}) and always fit the 100-byte field.
 */
final class TarWriter implements AutoCloseable {

    static final int BLOCK = 512;
    private static final long MAX_OCTAL = 077777777777L;
    private final OutputStream out;
    private final long mtime;

    TarWriter(OutputStream out, long mtimeSeconds) {
        this.out = out;
        this.mtime = mtimeSeconds;
    }

    /** One file entry of exactly {@code size} bytes; fewer or more from {@code bytes} fails the archive. */
    void entry(String name, long size, InputStream bytes) throws IOException {
        out.write(header(name, size, mtime));
        long copied = copy(bytes, size);
        if (copied != size) {
            throw new IOException("entry " + name + " had " + copied + " bytes, not the " + size + " announced");
        }
        pad(size);
    }

    private long copy(InputStream bytes, long size) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < size) {
            int n = bytes.read(buffer, 0, (int) Math.min(buffer.length, size - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        if (total == size && bytes.read() >= 0) {
            return size + 1;
        }
        return total;
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    /** Ends the archive with its two zero blocks; the stream itself stays open for its owner. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    static byte[] header(String name, long size, long mtime) {
        byte[] h = new byte[BLOCK];
        byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
        if (utf8.length > 100) {
            throw new IllegalArgumentException("archive entry name too long: " + name);
        }
        System.arraycopy(utf8, 0, h, 0, utf8.length);
        octal(h, 100, 8, 0644);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        if (size <= MAX_OCTAL) {
            octal(h, 124, 12, size);
        } else {
            h[124] = (byte) 0x80;
            for (int i = 0; i < 8; i++) {
                h[135 - i] = (byte) (size >>> (8 * i));
            }
        }
        octal(h, 136, 12, mtime);
        h[156] = '0';
        ascii(h, 257, "ustar\0");
        ascii(h, 263, "00");
        ascii(h, 265, "gatefold");
        ascii(h, 297, "gatefold");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        String digits = String.format("%06o", sum);
        ascii(h, 148, digits);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void octal(byte[] h, int at, int width, long value) {
        String digits = String.format("%0" + (width - 1) + "o", value);
        ascii(h, at, digits);
        h[at + width - 1] = 0;
    }

    private static void ascii(byte[] h, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, h, at, bytes.length);
    }
}
