package gatefold.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import software.amazon.awssdk.core.ResponseInputStream;

/**
 * An S3 object's bytes. Closing before the end aborts the connection instead of draining
 * the rest of the object: a fan who stops a 2 GB download must not cost 2 GB of reads.
 */
final class AbortOnCloseInputStream extends FilterInputStream {

    private final ResponseInputStream<?> response;
    private boolean finished;

    AbortOnCloseInputStream(ResponseInputStream<?> response) {
        super(response);
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        finished |= b < 0;
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        finished |= n < 0;
        return n;
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            response.abort();
        }
        super.close();
    }
}
