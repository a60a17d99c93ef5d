package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.db.DatabaseAddress;
import gatefold.server.db.TestDatabases;
import gatefold.server.sales.stripe.FakeStripe;
import gatefold.server.sales.stripe.StripeEvents;
import gatefold.storage.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server is killed with SIGKILL while it is in the middle of four things at once: a file
 * streaming in by PUT, a resumable upload's {@code complete}, a Stripe webhook confirming a
 * purchase, and a fan's download. The test's own database locks hold the complete and the
 * webhook at known statements, so the kill lands inside them every time. After a restart:
 * no half file is visible and the store keeps nothing nobody refers to, the upload completes,
 * Stripe's replay of the event confirms the purchase exactly once, and the download resumes.
 */
class KillNineTest {

    static final int MIB = 1024 * 1024;
    static final String WEBHOOK_SECRET = "whsec_fault_suite";
    static FakeStripe stripe;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void startStripe() {
        stripe = FakeStripe.start();
    }

    @AfterAll
    static void stopStripe() {
        stripe.close();
    }

    @ParameterizedTest(name = "store: {0}")
    @ValueSource(strings = {"file", "s3"})
    void nothingCommittedIsLostAndNothingHalfMadeIsVisible(String storeKind) throws Exception {
        DatabaseAddress address = TestDatabases.postgresUrl();
        ServerDatabase db = new ServerDatabase(address);
        Map<String, String> env = new HashMap<>(address.settings());
        env.put("GATEFOLD_STRIPE_API_BASE", stripe.apiBase());
        String bucket = storeKind.equals("s3") ? useS3(env) : null;
        try (ChildGatefold server = ChildGatefold.start(env)) {
            ApiClient api = server.api();
            Shop shop = Shop.open(api);

            // 1. A fan's download, a quarter read.
            String link = api.post("/api/releases/" + shop.release + "/purchases", shop.token, Map.of("email", "early@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
            InFlight.Download download = InFlight.startDownload(http, link, shop.film.length / 4);

            // 2. A Stripe webhook, held where it confirms the purchase.
            Reply checkout = api.post("/checkout/" + shop.release, null, Map.of("email", "fan@example.com", "provider", "stripe"));
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
            String purchase = checkout.text("id");
            String session = checkout.text("redirectUrl").substring(checkout.text("redirectUrl").lastIndexOf('/') + 1);
            String event = StripeEvents.event("evt_fault_" + storeKind, "checkout.session.completed", stripe.markPaid(session));
            ServerDatabase.Held purchaseRow = db.hold("SELECT id FROM purchases WHERE id = '" + purchase + "' FOR UPDATE");
            CompletableFuture<?> webhook = postAsync(server.url("/webhooks/stripe/" + shop.slug), event);
            db.awaitWaitingOn("UPDATE purchases");

            // 3. A resumable upload's complete, held where the file row is written (the store may have assembled it).
            byte[] master = bytes(9 * MIB, 2);
            Reply started = api.post("/api/releases/" + shop.release + "/uploads", shop.token,
                    Map.of("name", "master.bin", "size", master.length, "contentType", "application/octet-stream"));
            String upload = started.text("uploadId");
            List<Map<String, Object>> parts = sendParts(api, shop.token, upload, master, started.json().path("partSize").asInt());
            ServerDatabase.Held files = db.hold("LOCK TABLE release_files IN EXCLUSIVE MODE");
            CompletableFuture<?> complete = CompletableFuture.runAsync(() ->
                    api.post("/api/uploads/" + upload + "/complete", shop.token, Map.of("parts", parts)));
            db.awaitWaitingOn("INSERT INTO release_files");

            // 4. A streamed PUT, half its body sent.
            byte[] half = bytes(4 * MIB, 3);
            Socket put = InFlight.halfPut(server.url(""), "/api/releases/" + shop.release + "/files/half.bin", shop.token,
                    half, half.length / 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count("SELECT COUNT(*) FROM storage_holds") == 1
                    && (bucket != null || !staged(server).isEmpty()));

            server.kill();
            purchaseRow.close();
            files.close();
            put.close();
            webhook.handle((r, e) -> null).join();
            complete.handle((r, e) -> null).join();
            server.restart();

            // The half-sent file never appears, and the store keeps only what a file or a pending upload names.
            assertThat(fileNames(api, shop)).containsExactly("film.bin");
            Set<String> named = Set.copyOf(db.strings("SELECT blob_key FROM release_files UNION SELECT blob_key FROM uploads"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(stored(server, bucket)).containsExactlyInAnyOrderElementsOf(named);
                assertThat(staged(server)).isEmpty();
            });

            // The upload completes (its bytes were never lost), and asking again answers the same file.
            Reply completed = api.post("/api/uploads/" + upload + "/complete", shop.token, Map.of("parts", parts));
            assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
            assertThat(completed.json().path("size").asLong()).isEqualTo(master.length);
            Reply again = api.post("/api/uploads/" + upload + "/complete", shop.token, Map.of("parts", parts));
            assertThat(again.text("id")).isEqualTo(completed.text("id"));
            assertThat(fileNames(api, shop)).containsExactlyInAnyOrder("film.bin", "master.bin");
            assertThat(api.get("/api/uploads/" + upload, shop.token).status()).isEqualTo(404);
            assertThat(stored(server, bucket)).containsExactlyInAnyOrderElementsOf(db.strings("SELECT blob_key FROM release_files"));

            // Stripe delivers the event again: the purchase is confirmed once, with one entitlement.
            assertThat(db.text("SELECT status FROM purchases WHERE id = ?", purchase)).isEqualTo("pending");
            String hook = server.url("/webhooks/stripe/" + shop.slug);
            Reply replay = webhook(api, hook, event);
            assertThat(replay.status()).as(replay.toString()).isEqualTo(200);
            assertThat(replay.json().path("duplicate").asBoolean()).isFalse();
            assertThat(webhook(api, hook, event).json().path("duplicate").asBoolean()).isTrue();
            assertThat(db.text("SELECT status FROM purchases WHERE id = ?", purchase)).isEqualTo("confirmed");
            assertThat(db.count("SELECT COUNT(*) FROM entitlements WHERE email = 'fan@example.com'")).isEqualTo(1);

            // The fan's download manager resumes where the connection broke, inside its one allowed download.
            HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(URI.create(link))
                    .header("Range", "bytes=" + download.received().length + "-").header("If-Range", download.etag()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(rest.statusCode()).isEqualTo(206);
            byte[] joined = Arrays.copyOf(download.received(), shop.film.length);
            System.arraycopy(rest.body(), 0, joined, download.received().length, rest.body().length);
            assertThat(download.received().length + rest.body().length).isEqualTo(shop.film.length);
            assertThat(joined).isEqualTo(shop.film);
            assertThat(server.api().get("/health/ready", null).status()).isEqualTo(200);
        }
    }

    /** An artist taking Stripe payments, with a published release of one file and a download limit of one. */
    record Shop(String token, String slug, String release, byte[] film) {
        static Shop open(ApiClient api) {
            ApiClient.NewArtist artist = api.newArtist("Night Shift", "night@example.com");
            Reply payments = api.send("PUT", "/api/me/payments", artist.token(),
                    Map.of("stripe", Map.of("secretKey", "sk_test_fault", "webhookSecret", WEBHOOK_SECRET)));
            assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
            String release = api.newRelease(artist.token(), Map.of("title", "Tape", "kind", "other", "pricing", "fixed",
                    "price", "7.00", "downloadLimit", 1));
            byte[] film = bytes(6 * MIB, 1);
            assertThat(api.put("/api/releases/" + release + "/files/film.bin", artist.token(),
                    HttpRequest.BodyPublishers.ofByteArray(film)).status()).isEqualTo(201);
            assertThat(api.post("/api/releases/" + release + "/publish", artist.token(), null).status()).isEqualTo(200);
            return new Shop(artist.token(), artist.slug(), release, film);
        }
    }

    private String useS3(Map<String, String> env) {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String bucket = s3.createFreshBucket();
        env.putAll(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET", bucket,
                "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey(),
                // Bytes through the server, so killing it cuts the download.
                "GATEFOLD_DELIVERY", "stream"));
        return bucket;
    }

    private static List<Map<String, Object>> sendParts(ApiClient api, String token, String upload, byte[] bytes, int partSize) {
        List<Map<String, Object>> parts = new ArrayList<>();
        for (int n = 1, at = 0; at < bytes.length; n++, at += partSize) {
            Reply where = api.post("/api/uploads/" + upload + "/parts/" + n, token, null);
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(where.text("url"))).method(where.text("method"),
                    HttpRequest.BodyPublishers.ofByteArray(bytes, at, Math.min(partSize, bytes.length - at)));
            where.json().path("headers").fields().forEachRemaining(h -> put.header(h.getKey(), h.getValue().asText()));
            Reply sent = api.exchange(put);
            assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
            parts.add(Map.of("n", n, "etag", sent.raw().headers().firstValue("ETag").orElseThrow().replace("\"", "")));
        }
        return parts;
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String url, String event) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Stripe-Signature", StripeEvents.sign(event, WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Stripe's delivery of an event: the same bytes every time, signed anew. */
    private static Reply webhook(ApiClient api, String url, String event) {
        return api.exchange(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json").header("Stripe-Signature", StripeEvents.sign(event, WEBHOOK_SECRET))
                .POST(HttpRequest.BodyPublishers.ofString(event)));
    }

    private static List<String> fileNames(ApiClient api, Shop shop) {
        JsonNode files = api.get("/api/releases/" + shop.release(), shop.token()).json().path("files");
        List<String> names = new ArrayList<>();
        files.forEach(f -> names.add(f.path("name").asText()));
        return names;
    }

    /**
     * What the store holds: blob keys on the local disk, or every key and multipart leftover in
     * the bucket. S3Proxy 2.6.0's filesystem backend keeps a PutObject that was cut off as a file
     * named after the key plus a UUID, which real S3 never shows, and then answers every listing
     * of the bucket with 500; so the bucket is read from S3Proxy's folder, without those files.
     */
    private static List<String> stored(ChildGatefold server, String bucket) throws IOException {
        Path root = bucket == null ? server.dataDir().resolve("store/blobs") : S3ProxyServer.shared().dataDir().resolve(bucket);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
                    .filter(key -> bucket == null || !CUT_OFF_PUT.matcher(key).find()).collect(Collectors.toList());
        }
    }

    private static final Pattern CUT_OFF_PUT = Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");

    /** Temporary files in the local store (none on S3). */
    private static List<Path> staged(ChildGatefold server) {
        Path tmp = server.dataDir().resolve("store/tmp");
        if (!Files.isDirectory(tmp)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
