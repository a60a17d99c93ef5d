package gatefold.storage;

import java.io.InputStream;
import java.util.Objects;

/**
 * The next {@code length} bytes of an upload, so one part of a large file can stream
 * straight from the musician's connection to S3 and the next part starts where it ended.
 * Closing it leaves the upload open.
 */
final class BoundedStream extends InputStream {

    private final UploadStream source;
    private long remaining;

    BoundedStream(UploadStream source, long length) {
        this.source = Objects.requireNonNull(source, "source");
        this.remaining = length;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (length == 0) {
            return 0;
        }
        if (remaining == 0) {
            return -1;
        }
        int n = source.read(buffer, offset, (int) Math.min(length, remaining));
        if (n > 0) {
            remaining -= n;
        }
        return n;
    }

    @Override
    public void close() {
        // The rest of the upload still follows.
    }
}
