package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.db.DatabaseAddress;
import gatefold.server.db.TestDatabases;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each write that catches a unique-key violation ("that slug is taken") loses its database
 * connection at exactly that write: the test locks the table, waits until the server's
 * statement is stuck behind the lock, and has PostgreSQL end that connection (as a failover or
 * a restart does). The artist must hear that the database is not answering (503, Retry-After,
 * code "unavailable"), never that a name is taken.
 */
class LostConnectionIsNotAConflictTest {

    static TestServer server;
    static ServerDatabase db;
    static ApiClient api;
    static String token;
    static String release;

    @BeforeAll
    static void start() {
        DatabaseAddress address = TestDatabases.postgresUrl();
        server = TestServer.start(address.settings());
        db = new ServerDatabase(address);
        api = new ApiClient(server);
        token = api.newArtist("Slow Tape", "tape@example.com").token();
        release = api.newRelease(token, Map.of("title", "Loop", "kind", "other", "pricing", "free", "slug", "loop"));
        assertThat(api.put("/api/releases/" + release + "/files/a.bin", token, HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void creatingAReleaseWithASlug() throws Exception {
        cutOffDuring("releases", "INSERT INTO releases", () -> api.post("/api/releases", token,
                Map.of("title", "Second", "kind", "other", "pricing", "free", "slug", "second")));
    }

    @Test
    void changingAReleaseSlug() throws Exception {
        cutOffDuring("releases", "UPDATE releases", () -> api.patch("/api/releases/" + release, token, Map.of("slug", "loop-two")));
    }

    @Test
    void renamingAFile() throws Exception {
        String file = api.get("/api/releases/" + release, token).json().path("files").get(0).path("id").asText();
        cutOffDuring("release_files", "UPDATE release_files", () -> api.patch("/api/releases/" + release + "/files/" + file, token,
                Map.of("name", "b.bin")));
    }

    @Test
    void savingAnUploadedFile() throws Exception {
        cutOffDuring("release_files", "INSERT INTO release_files", () -> api.put("/api/releases/" + release + "/files/c.bin", token,
                HttpRequest.BodyPublishers.ofByteArray(new byte[100])));
        assertThat(api.get("/api/releases/" + release, token).json().path("files")).hasSize(1);
    }

    @Test
    void creatingADiscountCode() throws Exception {
        cutOffDuring("discount_codes", "INSERT INTO discount_codes", () -> api.post("/api/discounts", token,
                Map.of("code", "SPRING", "percentOff", 20)));
    }

    @Test
    void creatingDownloadCodes() throws Exception {
        cutOffDuring("download_codes", "INSERT INTO download_codes", () -> api.post("/api/releases/" + release + "/codes", token,
                Map.of("count", 3)));
    }

    @Test
    void creatingAnArtist() throws Exception {
        cutOffDuring("artists", "INSERT INTO artists", () -> api.post("/api/artists", api.adminToken(),
                Map.of("name", "Second Artist", "email", "second@example.com", "password", "correct horse battery")));
    }

    @Test
    void changingAnArtistsQuota() throws Exception {
        String artist = api.get("/api/me", token).text("id");
        cutOffDuring("artists", "UPDATE artists", () -> api.patch("/api/artists/" + artist, api.adminToken(),
                Map.of("storageQuotaBytes", 1_000_000_000)));
    }

    /** Sends the request, lets PostgreSQL cut off the connection stuck at {@code statement}, and checks the answer. */
    private static void cutOffDuring(String table, String statement, Supplier<Reply> request) throws Exception {
        Reply reply;
        try (ServerDatabase.Held lock = db.hold("LOCK TABLE " + table + " IN EXCLUSIVE MODE")) {
            CompletableFuture<Reply> sent = CompletableFuture.supplyAsync(request);
            db.awaitWaitingOn(statement);
            assertThat(db.cutOffWaiting()).isPositive();
            lock.close();
            reply = sent.get();
        }
        assertThat(reply.status()).as(reply.toString()).isEqualTo(503);
        assertThat(reply.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(reply.text("error")).isEqualTo("unavailable");
        assertThat(reply.text("message")).contains("database").doesNotContain("taken").doesNotContain("already");
        // The pool drops the dead connection; the next request is served.
        assertThat(api.get("/api/releases", token).status()).isEqualTo(200);
    }
}
