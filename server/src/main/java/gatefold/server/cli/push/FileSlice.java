package gatefold.server.cli.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;

/**
 * The bytes of one part, read straight from the file at its offset as the request goes
 * out, so only a small buffer of a part is ever in memory. Reports each chunk it hands over.
 */
final class FileSlice extends InputStream {

    private final FileChannel channel;
    private final LongConsumer onRead;
    private long position;
    private final long end;

    private FileSlice(FileChannel channel, long offset, long length, LongConsumer onRead) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
        this.onRead = onRead;
    }

    static FileSlice open(Path path, long offset, long length, LongConsumer onRead) throws IOException {
        return new FileSlice(FileChannel.open(path, StandardOpenOption.READ), offset, length, onRead);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        long left = end - position;
        if (left <= 0) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, left)), position);
        if (n < 0) {
            throw new IOException("the file got shorter while it was being sent");
        }
        position += n;
        onRead.accept(n);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
