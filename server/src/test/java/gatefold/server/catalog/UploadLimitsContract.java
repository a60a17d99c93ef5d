package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One artist cannot fill the store: a part takes only its own size, the quota holds for
 * uploads running side by side, and an upload nobody sends bytes to ends (with its hold on
 * the quota) however often part URLs are asked for. Held to the same on both stores.
 */
abstract class UploadLimitsContract {

    static final long MIB = 1024L * 1024;
    static TestServer server;
    static ApiClient api;
    static int counter;
    String token;
    String artistId;
    String album;

    abstract int storedObjects();

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newArtistAndAlbum() {
        counter++;
        ApiClient.NewArtist artist = api.newArtist("Limited " + counter, "limited" + counter + "@example.com");
        token = artist.token();
        artistId = artist.id();
        album = api.newRelease(token, Map.of("title", "Album " + counter, "kind", "music", "pricing", "fixed", "price", "7.00"));
    }

    void setQuota(long bytes) {
        assertThat(api.patch("/api/artists/" + artistId, api.adminToken(), Map.of("storageQuotaBytes", bytes)).status())
                .isEqualTo(200);
    }

    Reply startUpload(String name, long size) {
        return api.post("/api/releases/" + album + "/uploads", token, Map.of("name", name, "size", size, "contentType", "audio/flac"));
    }

    Reply partUrl(String uploadId, int n) {
        return api.post("/api/uploads/" + uploadId + "/parts/" + n, token, null);
    }

    /** Sends a body to part n's URL with its headers, as a browser would. */
    Reply sendToPartUrl(Reply where, HttpRequest.BodyPublisher body) {
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(where.text("url"))).method(where.text("method"), body);
        where.json().path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
        return api.exchange(put);
    }

    Reply putFile(String name, HttpRequest.BodyPublisher body) {
        return api.put("/api/releases/" + album + "/files/" + ApiClient.enc(name), token, body);
    }

    static byte[] flac(int size, long seed) {
        return FileUploadContract.flac(size, seed);
    }

    long stored() {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT COALESCE(SUM(f.size), 0) FROM release_files f JOIN releases r ON r.id = f.release_id
                WHERE r.artist_id = :a""").bind("a", artistId).mapTo(Long.class).one());
    }

    void backdateUpload(String uploadId, Duration by) {
        Instant then = Instant.now().minus(by);
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE uploads SET created_at = :t, touched_at = :t WHERE id = :id").bind("t", then).bind("id", uploadId).execute());
    }

    static <T> List<T> atOnce(int count, IntFunction<T> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    go.await();
                    return call.apply(n);
                }));
            }
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- a part takes only its own size

    @Test
    void aPartUrlTakesExactlyItsPartsSizeAndAnythingElseStoresNothing() {
        long size = 8 * MIB + 100;
        Reply started = startUpload("bound.flac", size);
        String uploadId = started.text("uploadId");
        Reply where = partUrl(uploadId, 2);
        assertThat(where.status()).isEqualTo(200);

        Reply longer = sendToPartUrl(where, HttpRequest.BodyPublishers.ofByteArray(new byte[101]));
        Reply shorter = sendToPartUrl(where, HttpRequest.BodyPublishers.ofByteArray(new byte[99]));
        assertThat(longer.status()).as(longer.toString()).isBetween(400, 499);
        assertThat(shorter.status()).as(shorter.toString()).isBetween(400, 499);
        assertThat(api.get("/api/uploads/" + uploadId, token).json().path("parts")).isEmpty();

        Reply exact = sendToPartUrl(where, HttpRequest.BodyPublishers.ofByteArray(new byte[100]));
        assertThat(exact.status()).as(exact.toString()).isEqualTo(200);
        assertThat(api.get("/api/uploads/" + uploadId, token).json().path("parts").get(0).path("size").asLong()).isEqualTo(100);
    }

    // ---- the quota holds for uploads side by side

    @Test
    void tenResumableUploadsThatEachFitCannotPassTheQuotaTogether() throws Exception {
        setQuota(100 * MIB);
        List<Reply> replies = atOnce(10, i -> startUpload("take " + i + ".flac", 16 * MIB));

        List<Reply> started = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(started).hasSize(6);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.text("error")).as(r.toString()).isEqualTo("quota_exceeded"))
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(413));

        // Aborting gives the room back; nothing else does.
        assertThat(startUpload("one more.flac", 16 * MIB).status()).isEqualTo(413);
        assertThat(api.delete("/api/uploads/" + started.get(0).text("uploadId"), token).status()).isEqualTo(204);
        assertThat(startUpload("one more.flac", 16 * MIB).status()).isEqualTo(201);
        assertThat(startUpload("and another.flac", 16 * MIB).status()).isEqualTo(413);
    }

    @Test
    void aCompletedUploadHoldsItsRealSizeAndTheRestComesBack() {
        byte[] bytes = flac(300_000, 1);
        setQuota(1_000_000);
        String uploadId = startUpload("small.flac", bytes.length).text("uploadId");
        assertThat(startUpload("too much.flac", 800_000).status()).isEqualTo(413);
        Reply sent = sendToPartUrl(partUrl(uploadId, 1), HttpRequest.BodyPublishers.ofByteArray(bytes));
        String etag = sent.raw().headers().firstValue("ETag").orElseThrow().replace("\"", "");
        assertThat(api.post("/api/uploads/" + uploadId + "/complete", token,
                Map.of("parts", List.of(Map.of("n", 1, "etag", etag)))).status()).isEqualTo(201);
        assertThat(stored()).isEqualTo(bytes.length);
        assertThat(startUpload("what is left.flac", 700_000).status()).isEqualTo(201);
        assertThat(startUpload("one byte more.flac", 1).status()).isEqualTo(413);
    }

    @Test
    void tenStreamedPutsThatEachFitCannotPassTheQuotaTogether() throws Exception {
        setQuota(1_000_000);
        int size = 150_000;
        CountDownLatch finish = new CountDownLatch(1);
        // Each body sends its first bytes and waits, so all ten are in flight before any ends.
        IntFunction<Reply> put = i -> putFile("take " + i + ".flac", HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> new HeldBody(flac(size, i), 70_000, finish)), size));
        List<Reply> replies;
        ExecutorService sender = Executors.newSingleThreadExecutor();
        try {
            Future<List<Reply>> all = sender.submit(() -> atOnce(10, put));
            try {
                await().atMost(Duration.ofSeconds(20)).until(() -> holds() == 6);
            } finally {
                finish.countDown();
            }
            replies = all.get();
        } finally {
            sender.shutdownNow();
        }
        assertThat(replies).filteredOn(r -> r.status() == 201).hasSize(6);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(413))
                .allSatisfy(r -> assertThat(r.text("error")).isEqualTo("quota_exceeded"));
        assertThat(stored()).isEqualTo(6L * size);
        assertThat(holds()).isZero();
    }

    @Test
    void chunkedPutsAreWeighedAsTheyStreamAndNeverPassTheQuotaTogether() throws Exception {
        setQuota(1_000_000);
        int before = storedObjects();
        int size = 150_000;
        List<Reply> replies = atOnce(10, i -> putFile("chunked " + i + ".flac",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(flac(size, 100 + i)))));

        long succeeded = replies.stream().filter(r -> r.status() == 201).count();
        assertThat(succeeded).isBetween(1L, 6L);
        assertThat(replies).filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.text("error")).as(r.toString()).isEqualTo("quota_exceeded"));
        assertThat(stored()).isEqualTo(succeeded * size).isLessThanOrEqualTo(1_000_000);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(storedObjects()).isEqualTo(before + succeeded));
        assertThat(holds()).isZero();
    }

    long holds() {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM storage_holds WHERE artist_id = :a").bind("a", artistId).mapTo(Long.class).one());
    }

    @Test
    void holdsOfAnInstanceThatDiedAreReleasedByTheJanitor() {
        setQuota(1_000_000);
        // Held now, so the server's own janitor cannot release it before the refusal is seen.
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate("""
                INSERT INTO storage_holds (id, artist_id, bytes, touched_at) VALUES ('hld_crashed' || :n, :a, 900000, :t)""")
                .bind("n", counter).bind("a", artistId).bind("t", Instant.now()).execute());
        String stale = startUpload("left behind.flac", 100_000).text("uploadId");
        assertThat(putFile("fits later.flac", HttpRequest.BodyPublishers.ofByteArray(flac(200_000, 3))).status()).isEqualTo(413);
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE storage_holds SET touched_at = :t WHERE id = 'hld_crashed' || :n").bind("n", counter).bind("t", twoDaysAgo).execute());
        backdateUpload(stale, Duration.ofDays(2));

        server.gatefold.jobs().janitor().runOnce(Instant.now());

        assertThat(holds()).isZero();
        assertThat(api.get("/api/uploads/" + stale, token).status()).isEqualTo(404);
        assertThat(putFile("fits later.flac", HttpRequest.BodyPublishers.ofByteArray(flac(200_000, 3))).status()).isEqualTo(201);
    }

    // ---- asking for URLs is not activity

    @Test
    void askingForPartUrlsDoesNotKeepAnAbandonedUploadAlive() {
        setQuota(100 * MIB);
        String abandoned = startUpload("abandoned.flac", 90 * MIB).text("uploadId");
        backdateUpload(abandoned, Duration.ofDays(2));

        Reply asked = partUrl(abandoned, 1);
        assertThat(asked.status()).as(asked.toString()).isEqualTo(410);
        assertThat(api.get("/api/uploads/" + abandoned, token).status()).isEqualTo(404);
        assertThat(startUpload("the next one.flac", 90 * MIB).status()).isEqualTo(201);
    }

    @Test
    void anUploadLivesOnFromTheLastPartThatArrived() {
        byte[] bytes = flac((int) (8 * MIB + 10), 4);
        String uploadId = startUpload("slow but alive.flac", bytes.length).text("uploadId");
        Reply sent = sendToPartUrl(partUrl(uploadId, 1), HttpRequest.BodyPublishers.ofByteArray(
                Arrays.copyOfRange(bytes, 0, (int) (8 * MIB))));
        assertThat(sent.status()).isEqualTo(200);
        backdateUpload(uploadId, Duration.ofDays(2));

        UploadJanitor janitor = server.gatefold.jobs().janitor();
        janitor.runOnce(Instant.now());
        assertThat(api.get("/api/uploads/" + uploadId, token).status()).isEqualTo(200);
        assertThat(partUrl(uploadId, 2).status()).isEqualTo(200);
        janitor.runOnce(Instant.now().plus(Duration.ofHours(25)));
        assertThat(api.get("/api/uploads/" + uploadId, token).status()).isEqualTo(404);
    }

    /** Hands out its bytes up to {@code pauseAt}, then waits for the latch before the rest. */
    static final class HeldBody extends InputStream {
        private final ByteArrayInputStream bytes;
        private final int pauseAt;
        private final CountDownLatch latch;
        private int sent;

        HeldBody(byte[] bytes, int pauseAt, CountDownLatch latch) {
            this.bytes = new ByteArrayInputStream(bytes);
            this.pauseAt = pauseAt;
            this.latch = latch;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (sent >= pauseAt) {
                try {
                    latch.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
            }
            int n = bytes.read(buffer, offset, sent < pauseAt ? Math.min(length, pauseAt - sent) : length);
            if (n > 0) {
                sent += n;
            }
            return n;
        }
    }
}
