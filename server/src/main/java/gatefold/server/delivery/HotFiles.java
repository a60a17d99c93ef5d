package gatefold.server.delivery;

import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Small files that fans are downloading right now, kept in memory in front of an S3
 * store: when a single goes out and everyone clicks at once, the store is asked once and
 * the rest are served from here. The first fan to ask loads the file; fans asking while it
 * loads wait for that one load instead of each asking the store (single flight). Blob keys
 * never name other bytes later, so an entry can never be stale. Bounded by total bytes,
 * least recently used out first; files above {@link #MAX_FILE}, and every file while the
 * heap is short of room, stream from the store. A store whose reads come from local disk
 * never goes through here: the operating system's page cache already does this job.
 */
final class HotFiles {

    static final long MAX_FILE = 8L * 1024 * 1024;
    private final BlobStore store;
    private final long budget;
    private final Map<String, byte[]> files = new LinkedHashMap<>(64, 0.75f, true);
    private final ConcurrentHashMap<String, CompletableFuture<byte[]>> loading = new ConcurrentHashMap<>();
    private long held;

    HotFiles(BlobStore store, long budgetBytes) {
        this.store = store;
        this.budget = store.readsLocally() ? 0 : budgetBytes;
    }

    /** The bytes of the range, from memory when the file is (or can now be) held, else from the store. */
    InputStream open(BlobKey key, ByteRange range, long size) {
        byte[] bytes = budget <= 0 ? null : held(key);
        if (bytes == null && fits(size)) {
            bytes = load(key, (int) size);
        }
        if (bytes == null) {
            return store.get(key, range);
        }
        int first = (int) range.first();
        int end = range.isOpenEnded() ? bytes.length : (int) Math.min(bytes.length, range.last() + 1);
        return new ByteArrayInputStream(bytes, first, end - first);
    }

    private boolean fits(long size) {
        return budget > 0 && size > 0 && size <= MAX_FILE && size <= budget / 4 && heapHasRoomFor(size);
    }

    /** Memory pressure: keep a copy only while the heap has plenty left beyond it. */
    static boolean heapHasRoomFor(long size) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        return free > 4 * size + runtime.maxMemory() / 8;
    }

    /** Reads the whole file once, however many fans ask at the same moment. */
    private byte[] load(BlobKey key, int size) {
        CompletableFuture<byte[]> mine = new CompletableFuture<>();
        CompletableFuture<byte[]> running = loading.putIfAbsent(key.value(), mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }
        try (InputStream in = store.get(key, ByteRange.ALL)) {
            byte[] bytes = in.readNBytes(size);
            if (bytes.length != size || in.read() >= 0) {
                throw new StoreUnavailableException("the store answered with another size for " + key.value());
            }
            hold(key, bytes);
            mine.complete(bytes);
            return bytes;
        } catch (IOException e) {
            StoreUnavailableException failure = new StoreUnavailableException("the store read failed: " + e.getMessage(), e);
            mine.completeExceptionally(failure);
            throw failure;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key.value(), mine);
        }
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

    /** Files held now, for tests. */
    int heldCount() {
        synchronized (files) {
            return files.size();
        }
    }
}
