package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.FileBlobStore;
import gatefold.storage.PartInfo;
import gatefold.storage.PresignedRequest;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fans asking for the same small file at the same moment cost the store one read. */
class HotFilesSingleFlightTest {

    /** A real local store that reads like a remote one: slowly, and counted. */
    static final class RemoteLike implements BlobStore {
        final FileBlobStore disk;
        final AtomicInteger reads = new AtomicInteger();

        RemoteLike(FileBlobStore disk) {
            this.disk = disk;
        }

        @Override
        public InputStream get(BlobKey key, ByteRange range) {
            reads.incrementAndGet();
            return new FilterInputStream(disk.get(key, range)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return super.read(b, off, Math.min(len, 64 * 1024));
                }
            };
        }

        @Override
        public BlobInfo put(BlobKey key, InputStream bytes, long length, String contentType) {
            return disk.put(key, bytes, length, contentType);
        }

        @Override
        public Optional<BlobInfo> head(BlobKey key) {
            return disk.head(key);
        }

        @Override
        public void delete(BlobKey key) {
            disk.delete(key);
        }

        @Override
        public String createMultipart(BlobKey key, String contentType) {
            return disk.createMultipart(key, contentType);
        }

        @Override
        public PartInfo uploadPart(BlobKey key, String uploadId, int partNumber, InputStream bytes, long length) {
            return disk.uploadPart(key, uploadId, partNumber, bytes, length);
        }

        @Override
        public List<PartInfo> listParts(BlobKey key, String uploadId) {
            return disk.listParts(key, uploadId);
        }

        @Override
        public BlobInfo completeMultipart(BlobKey key, String uploadId, List<PartInfo> parts) {
            return disk.completeMultipart(key, uploadId, parts);
        }

        @Override
        public void abortMultipart(BlobKey key, String uploadId) {
            disk.abortMultipart(key, uploadId);
        }

        @Override
        public List<gatefold.storage.PendingUpload> pendingUploads(String keyPrefix) {
            return disk.pendingUploads(keyPrefix);
        }

        @Override
        public int removeLeftovers() {
            return disk.removeLeftovers();
        }

        @Override
        public PresignedRequest presignGet(BlobKey key, Duration lifetime, String downloadFilename, String contentType) {
            return disk.presignGet(key, lifetime, downloadFilename, contentType);
        }

        @Override
        public PresignedRequest presignPart(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime) {
            return disk.presignPart(key, uploadId, partNumber, length, lifetime);
        }

        @Override
        public Optional<java.time.Instant> lastPartReceived(BlobKey key, String uploadId) {
            return disk.lastPartReceived(key, uploadId);
        }

        @Override
        public void checkReady() {
            disk.checkReady();
        }

        @Override
        public String describe() {
            return "remote-like " + disk.describe();
        }

        @Override
        public void close() {
            disk.close();
        }
    }

    @Test
    void fortyFansAtOnceMakeOneStoreReadAndAllGetTheExactBytes() throws Exception {
        RemoteLike store = new RemoteLike(new FileBlobStore(Files.createTempDirectory("gatefold-hot"),
                URI.create("http://localhost"), new byte[32]));
        byte[] single = new byte[1_000_000];
        new Random(1).nextBytes(single);
        BlobKey key = BlobKey.of("artists/a/releases/r/blob_single");
        store.put(key, new ByteArrayInputStream(single), single.length, "audio/flac");
        HotFiles hot = new HotFiles(store, 64L * 1024 * 1024);
        List<CompletableFuture<byte[]>> fans = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            fans.add(CompletableFuture.supplyAsync(() -> {
                try (InputStream in = hot.open(key, ByteRange.ALL, single.length)) {
                    return in.readAllBytes();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<byte[]> fan : fans) {
            assertThat(Arrays.equals(fan.get(), single)).isTrue();
        }
        assertThat(store.reads.get()).isEqualTo(1);
        assertThat(hot.heldCount()).isEqualTo(1);
        // A range of a held file comes from memory too.
        try (InputStream in = hot.open(key, ByteRange.of(10, 19), single.length)) {
            assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(single, 10, 20));
        }
        assertThat(store.reads.get()).isEqualTo(1);
    }

    @Test
    void underMemoryPressureFilesStreamInsteadOfBeingHeld() {
        assertThat(HotFiles.heapHasRoomFor(1_000)).isTrue();
        assertThat(HotFiles.heapHasRoomFor(Runtime.getRuntime().maxMemory())).isFalse();
    }
}
