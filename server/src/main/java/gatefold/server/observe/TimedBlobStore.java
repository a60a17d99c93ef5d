package gatefold.server.observe;

import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.NoSuchBlobException;
import gatefold.storage.PartInfo;
import gatefold.storage.PendingUpload;
import gatefold.storage.PresignedRequest;
import gatefold.storage.SelfServedUrls;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The store, timed: {@code gatefold_store_requests_seconds{operation, outcome}} for every
 * call (outcome ok, missing or error). A read is timed until its stream is open, the first
 * byte's wait; writes include the time the uploader takes to send the bytes. The streams
 * themselves are handed back untouched, so downloads keep their zero-copy path.
 */
final class TimedBlobStore implements BlobStore {

    private final BlobStore store;
    private final MeterRegistry registry;

    TimedBlobStore(BlobStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
    }

    private <T> T timed(String operation, Supplier<T> call) {
        long start = System.nanoTime();
        String outcome = "error";
        try {
            T result = call.get();
            outcome = "ok";
            return result;
        } catch (NoSuchBlobException e) {
            outcome = "missing";
            throw e;
        } finally {
            timer(operation, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private void timed(String operation, Runnable call) {
        timed(operation, () -> {
            call.run();
            return null;
        });
    }

    /** Micrometer keeps each timer once; the lookup is a map read. */
    private Timer timer(String operation, String outcome) {
        return Timer.builder("gatefold.store.requests").tags("operation", operation, "outcome", outcome)
                .description("Calls to the file store").register(registry);
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream bytes, long length, String contentType) {
        return timed("put", () -> store.put(key, bytes, length, contentType));
    }

    @Override
    public InputStream get(BlobKey key, ByteRange range) {
        return timed("get", () -> store.get(key, range));
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) {
        return timed("head", () -> store.head(key));
    }

    @Override
    public void delete(BlobKey key) {
        timed("delete", () -> store.delete(key));
    }

    @Override
    public String createMultipart(BlobKey key, String contentType) {
        return timed("create_multipart", () -> store.createMultipart(key, contentType));
    }

    @Override
    public PartInfo uploadPart(BlobKey key, String uploadId, int partNumber, InputStream bytes, long length) {
        return timed("upload_part", () -> store.uploadPart(key, uploadId, partNumber, bytes, length));
    }

    @Override
    public List<PartInfo> listParts(BlobKey key, String uploadId) {
        return timed("list_parts", () -> store.listParts(key, uploadId));
    }

    @Override
    public BlobInfo completeMultipart(BlobKey key, String uploadId, List<PartInfo> parts) {
        return timed("complete_multipart", () -> store.completeMultipart(key, uploadId, parts));
    }

    @Override
    public void abortMultipart(BlobKey key, String uploadId) {
        timed("abort_multipart", () -> store.abortMultipart(key, uploadId));
    }

    @Override
    public PresignedRequest presignGet(BlobKey key, Duration lifetime, String downloadFilename, String contentType) {
        return timed("presign_get", () -> store.presignGet(key, lifetime, downloadFilename, contentType));
    }

    @Override
    public PresignedRequest presignPart(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime) {
        return timed("presign_part", () -> store.presignPart(key, uploadId, partNumber, length, lifetime));
    }

    @Override
    public Optional<java.time.Instant> lastPartReceived(BlobKey key, String uploadId) {
        return timed("list_parts", () -> store.lastPartReceived(key, uploadId));
    }

    // Not defaults in BlobStore: a wrapper that forgot them hid every orphaned upload from the janitor.
    @Override
    public List<PendingUpload> pendingUploads(String keyPrefix) {
        return timed("list_uploads", () -> store.pendingUploads(keyPrefix));
    }

    @Override
    public int removeLeftovers() {
        return timed("remove_leftovers", () -> store.removeLeftovers());
    }

    @Override
    public void checkReady() {
        timed("check_ready", store::checkReady);
    }

    @Override
    public Optional<java.nio.file.Path> localFile(BlobKey key) {
        return store.localFile(key);
    }

    @Override
    public boolean readsLocally() {
        return store.readsLocally();
    }

    @Override
    public Optional<SelfServedUrls> selfServedUrls() {
        return store.selfServedUrls();
    }

    @Override
    public String describe() {
        return store.describe();
    }

    @Override
    public void close() {
        store.close();
    }
}
