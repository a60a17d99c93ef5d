package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.catalog.UploadJanitor;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.PendingUpload;
import gatefold.storage.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A multipart upload in the store that no upload of ours names is what an instance leaves when
 * it dies in a streamed PUT sent to S3 in parts, or between starting an upload in the store and
 * writing its row. Nothing would ever end it: the janitor aborts it once it has been idle as long
 * as an abandoned resumable upload, and leaves alone anything younger and anything outside the
 * artists' keys. (The kill tests cannot wait a day for this, so the janitor is run with a later clock.)
 */
class OrphanedStoreUploadsTest {

    @ParameterizedTest(name = "store: {0}")
    @ValueSource(strings = {"file", "s3"})
    void storeUploadsNoUploadNamesAreAbortedOnceIdle(String kind) {
        try (TestServer server = TestServer.start(kind.equals("s3") ? s3() : Map.of())) {
            BlobStore store = server.gatefold.store();
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Lost Parts", "lost@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Fragments", "kind", "other", "pricing", "free"));
            String known = api.post("/api/releases/" + release + "/uploads", token,
                    Map.of("name", "whole.bin", "size", 1000, "contentType", "application/octet-stream")).text("uploadId");

            BlobKey orphanKey = BlobKey.of("artists/art_gone/releases/rel_gone/blob_orphan");
            String orphan = store.createMultipart(orphanKey, null);
            store.uploadPart(orphanKey, orphan, 1, new ByteArrayInputStream(new byte[1000]), 1000);
            BlobKey foreignKey = BlobKey.of("backups/tonight.tar");
            String foreign = store.createMultipart(foreignKey, null);
            UploadJanitor janitor = server.gatefold.services().catalog().jobs().orElseThrow().janitor();

            janitor.runOnce(Instant.now());
            assertThat(store.pendingUploads("artists/")).extracting(PendingUpload::uploadId).contains(orphan);

            janitor.runOnce(Instant.now().plus(Duration.ofHours(25)));
            assertThat(store.pendingUploads("artists/")).isEmpty();
            assertThat(api.get("/api/uploads/" + known, token).status()).isEqualTo(404);
            assertThat(store.pendingUploads("backups/")).extracting(PendingUpload::uploadId).containsExactly(foreign);
            store.abortMultipart(foreignKey, foreign);
        }
    }

    private static Map<String, String> s3() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        return Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET",
                s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey());
    }
}
