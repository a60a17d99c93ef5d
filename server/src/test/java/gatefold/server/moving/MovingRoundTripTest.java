package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.BlobKey;
import gatefold.storage.ByteRange;
import gatefold.storage.S3ProxyServer;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An artist leaves one store with an archive and arrives at a fresh one with every file, sale and code. */
class MovingRoundTripTest {

    @Test
    void anArtistsArchiveImportsIntoAFreshStoreWithEveryFileByteForByte() throws Exception {
        try (TestServer from = TestServer.start(); TestServer to = TestServer.start()) {
            moveAndCompare(from, to);
        }
    }

    @Test
    void anArtistMovesFromH2AndDiskToPostgresqlAndS3() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer from = TestServer.start(); TestServer to = TestServer.startOnPostgres(Map.of("GATEFOLD_STORE", "s3",
                "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET", s3.createFreshBucket(),
                "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey()))) {
            moveAndCompare(from, to);
        }
    }

    @Test
    void anArtistMovesFromPostgresqlBackToH2() throws Exception {
        try (TestServer from = TestServer.startOnPostgres(); TestServer to = TestServer.start()) {
            moveAndCompare(from, to);
        }
    }

    private static void moveAndCompare(TestServer from, TestServer to) throws Exception {
        {
            MovingFixture source = new MovingFixture(from, "Leaving Band", "leaving@example.com");
            MovingFixture stays = new MovingFixture(from, "Staying Band", "staying@example.com");
            ApiClient before = new ApiClient(from);
            JsonNode releasesBefore = before.get("/api/releases", source.artist.token()).json();
            JsonNode purchasesBefore = before.get("/api/purchases", source.artist.token()).json();
            JsonNode codesBefore = before.get("/api/releases/" + source.releaseIds.get(0) + "/codes", source.artist.token()).json();

            Path archive = MovingFixture.download(from, "/api/export", source.artist.token());
            Reply done = MovingFixture.upload(to, Files.readAllBytes(archive));
            assertThat(done.status()).as(done.toString()).isEqualTo(201);
            assertThat(done.json().path("artists").get(0).asText()).isEqualTo(source.artist.slug());
            assertThat(done.json().path("files").asInt()).isEqualTo(2); // side-b and same-bytes share one entry

            ApiClient after = new ApiClient(to);
            // The artist's API token came along; the other artist did not.
            JsonNode releasesAfter = after.get("/api/releases", source.artist.token()).json();
            assertThat(releasesAfter.size()).isEqualTo(2);
            for (String id : source.releaseIds) {
                JsonNode was = MovingFixture.release(releasesBefore, id);
                JsonNode is = MovingFixture.release(releasesAfter, id);
                assertThat(is.path("title").asText()).isEqualTo(was.path("title").asText());
                assertThat(is.path("price")).isEqualTo(was.path("price"));
                assertThat(is.path("files")).isEqualTo(was.path("files"));
            }
            assertThat(MovingFixture.release(releasesAfter, source.releaseIds.get(0)).path("title").asText())
                    .isEqualTo(MovingFixture.SHELL_TITLE);
            assertThat(after.get("/api/releases", stays.artist.token()).status()).isEqualTo(401);

            assertThat(bytesByName(to)).containsOnlyKeys(source.files.keySet())
                    .allSatisfy((name, bytes) -> assertThat(bytes).isEqualTo(source.files.get(name)));
            // The same purchases, ids and states; only the store's own address in the library link differs.
            assertThat(ApiClient.JSON.readTree(after.get("/api/purchases", source.artist.token()).body()
                    .replace(to.gatefold.publicUrl().toString(), "STORE")))
                    .isEqualTo(ApiClient.JSON.readTree(purchasesBefore.toString().replace(from.gatefold.publicUrl().toString(), "STORE")));
            assertThat(statusOf(after.get("/api/purchases", source.artist.token()).json(), source.refundedPurchase)).isEqualTo("refunded");
            assertThat(after.get("/api/releases/" + source.releaseIds.get(0) + "/codes", source.artist.token()).json())
                    .isEqualTo(codesBefore);
            assertThat(after.get("/api/discounts", source.artist.token()).body()).contains("MOVING10");

            Reply again = MovingFixture.upload(to, Files.readAllBytes(archive));
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.body()).contains("imported before").contains("Nothing was changed");
        }
    }

    /** Every release file's bytes in the server's store, by file name. */
    static Map<String, byte[]> bytesByName(TestServer server) throws Exception {
        Map<String, byte[]> out = new HashMap<>();
        List<Map<String, Object>> rows = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT f.name, f.blob_key FROM release_files f").mapToMap().list());
        for (Map<String, Object> row : rows) {
            try (InputStream in = server.gatefold.store().get(BlobKey.of((String) row.get("blob_key")), ByteRange.ALL)) {
                out.put((String) row.get("name"), in.readAllBytes());
            }
        }
        return out;
    }

    private static String statusOf(JsonNode purchases, String id) {
        for (JsonNode p : purchases) {
            if (p.path("id").asText().equals(id)) {
                return p.path("status").asText();
            }
        }
        throw new AssertionError("no purchase " + id);
    }
}
