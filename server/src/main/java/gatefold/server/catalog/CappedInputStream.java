package gatefold.server.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops a body at a byte limit (file size limit or quota) and remembers that it did. */
final class CappedInputStream extends FilterInputStream {

    private final long limit;
    private long count;
    private boolean exceeded;

    CappedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(long n) throws IOException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new IOException("body exceeds the limit of " + limit + " bytes");
        }
    }

    boolean exceeded() {
        return exceeded;
    }

    long count() {
        return count;
    }
}
