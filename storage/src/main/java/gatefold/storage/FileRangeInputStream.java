package gatefold.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;

/** Reads {@code [position, end)} of an open file and closes it when done. */
final class FileRangeInputStream extends InputStream implements BufferReadable {

    private final FileChannel channel;
    private final long end;
    private long position;

    FileRangeInputStream(FileChannel channel, long first, long endExclusive) {
        this.channel = channel;
        this.position = first;
        this.end = endExclusive;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (position >= end) {
            return -1;
        }
        int wanted = (int) Math.min(length, end - position);
        int n = channel.read(ByteBuffer.wrap(buffer, offset, wanted), position);
        if (n < 0) {
            return -1;
        }
        position += n;
        return n;
    }

    @Override
    public int read(ByteBuffer target) throws IOException {
        if (position >= end) {
            return -1;
        }
        if (!target.hasRemaining()) {
            return 0;
        }
        ByteBuffer window = target;
        if (target.remaining() > end - position) {
            window = target.slice().limit((int) (end - position));
        }
        int n = channel.read(window, position);
        if (n < 0) {
            return -1;
        }
        if (window != target) {
            target.position(target.position() + n);
        }
        position += n;
        return n;
    }

    @Override
    public long skip(long n) {
        long skipped = Math.max(0, Math.min(n, end - position));
        position += skipped;
        return skipped;
    }

    @Override
    public int available() {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, end - position));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
