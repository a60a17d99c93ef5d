package gatefold.server.delivery;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small files that fans are downloading right now, kept in memory in front of an S3
 * store: when a single goes out and everyone clicks at once, the store is asked once and
 * the rest are served from here. Blob keys never name other bytes later, so an entry can
 * never be stale. Bounded by total bytes, least recently used out first; files above
 * {@link #MAX_FILE} always stream from the store. The local store never goes through
 * here: the operating system's page cache already does this job for it.
 */
final class HotFiles {

    static final long MAX_FILE = 8L * 1024 * 1024;
    private final BlobStore store;
    private final long budget;
    private final Map<String, byte[]> files = new LinkedHashMap<>(64, 0.75f, true);
    private long held;

    HotFiles(BlobStore store, long budgetBytes) {
        this.store = store;
        this.budget = store.readsLocally() ? 0 : budgetBytes;
    }

    /** The bytes of the range, from memory when the file is held, else from the store (keeping a whole small file). */
    InputStream open(BlobKey key, ByteRange range, long size) {
        if (budget <= 0) {
            return store.get(key, range);
        }
        byte[] bytes = held(key);
        if (bytes != null) {
            int first = (int) range.first();
            int end = range.isOpenEnded() ? bytes.length : (int) Math.min(bytes.length, range.last() + 1);
            return new ByteArrayInputStream(bytes, first, end - first);
        }
        InputStream in = store.get(key, range);
        boolean keep = range.isAll() && size > 0 && size <= MAX_FILE && size <= budget / 4;
        return keep ? new Keeping(in, key, (int) size) : in;
    }

    private byte[] held(BlobKey key) {
        synchronized (files) {
            return files.get(key.value());
        }
    }

    private void hold(BlobKey key, byte[] bytes) {
        synchronized (files) {
            if (files.putIfAbsent(key.value(), bytes) != null) {
                return;
            }
            held += bytes.length;
            var oldest = files.entrySet().iterator();
            while (held > budget && oldest.hasNext()) {
                held -= oldest.next().getValue().length;
                oldest.remove();
            }
        }
    }

    /** Passes the store's bytes on and keeps a copy; the copy is held only if every byte came. */
    private final class Keeping extends FilterInputStream {
        private final BlobKey key;
        private final byte[] copy;
        private int filled;

        Keeping(InputStream in, BlobKey key, int size) {
            super(in);
            this.key = key;
            this.copy = new byte[size];
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                if (filled + n > copy.length) {
                    filled = -1;
                } else if (filled >= 0) {
                    System.arraycopy(buffer, offset, copy, filled, n);
                    filled += n;
                }
            } else if (n < 0 && filled == copy.length) {
                hold(key, copy);
                filled = -1;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            filled = -1;
            return super.skip(n);
        }
    }
}
