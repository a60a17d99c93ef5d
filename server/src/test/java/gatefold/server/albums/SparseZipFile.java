package gatefold.server.albums;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * An output file that skips runs of zeros instead of writing them, so a zip with a 4 GiB
 * entry of zeros takes a few kilobytes of disk and still reads back as every byte written;
 * it also keeps the CRC-32 of everything written.
 */
final class SparseZipFile extends OutputStream {

    private static final byte[] ZEROS = new byte[1 << 20];

    private final FileChannel channel;
    private final CRC32 crc = new CRC32();
    private long position;

    private SparseZipFile(Path file) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    /** Writes the whole zip to the file and returns the CRC-32 of its bytes. */
    static long write(AlbumZip zip, Path file) throws IOException {
        try (SparseZipFile out = new SparseZipFile(file)) {
            zip.write(out);
            if (out.channel.size() < out.position) {
                throw new IOException("the zip ended in zeros; the file is short");
            }
            return out.crc.getValue();
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        crc.update(b, off, len);
        boolean zeros = len <= ZEROS.length && Arrays.mismatch(b, off, off + len, ZEROS, 0, len) < 0;
        if (!zeros) {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            long at = position;
            while (buffer.hasRemaining()) {
                at += channel.write(buffer, at);
            }
        }
        position += len;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
