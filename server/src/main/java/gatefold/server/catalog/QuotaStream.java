package gatefold.server.catalog;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A body of unknown length weighed against the quota while it streams: its hold grows ahead
 * of the bytes, and reading stops as soon as the next bytes would not fit.
 */
final class QuotaStream extends FilterInputStream {

    private final StorageQuota quota;
    private final StorageQuota.Hold hold;
    private long granted;
    private long count;
    private boolean exceeded;

    QuotaStream(InputStream in, StorageQuota quota, StorageQuota.Hold hold, long granted) {
        super(in);
        this.quota = quota;
        this.hold = hold;
        this.granted = granted;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count += n;
            if (count > granted) {
                granted = quota.grow(hold, count, Instant.now());
                if (count > granted) {
                    exceeded = true;
                    throw new IOException("the body goes past the storage quota");
                }
            }
        }
        return n;
    }

    boolean exceeded() {
        return exceeded;
    }
}
