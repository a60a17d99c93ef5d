package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestAudio;
import gatefold.server.TestMail;
import gatefold.server.TestServer;
import gatefold.server.db.TestDatabases;
import gatefold.server.films.FilmFixtures;
import gatefold.server.library.SignInLinks;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import java.time.Duration;
import static org.awaitility.Awaitility.await;
import gatefold.storage.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole store moves from H2 and a local disk to PostgreSQL and S3, and back again, with the
 * operator's two commands. Two artists with every kind of release (music, a book, a film, plain
 * files), sales, a refund, a gift, download and discount codes and a seller webhook. After each
 * move every row of every table an archive carries and every stored file are compared with the
 * store they came from, and a download link a fan saved from the first store still downloads the
 * same bytes (the link keys travel sealed under the passphrase).
 */
class WholeStoreRoundTripTest {

    private static final String PASSPHRASE = "a long passphrase for moving day\n";

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();

    /** Each artist's receipt for a reader's free book, by artist slug. */
    private final Map<String, String> receipts = new HashMap<>();

    @Test
    void theWholeStoreMovesToPostgresqlAndS3AndBackToH2WithEveryRowAndFile() throws Exception {
        Map<String, String> disk = onDisk(Files.createTempDirectory("gatefold-disk"));
        MovingFixture one;
        MovingFixture two;
        Map<String, String> hooksToLoopback = new HashMap<>(disk);
        hooksToLoopback.put("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true");
        try (TestServer from = TestServer.start(Path.of(disk.get("GATEFOLD_DATA_DIR")), hooksToLoopback)) {
            one = new MovingFixture(from, "Round Trip One", "round-one@example.com");
            two = new MovingFixture(from, "Round Trip Two", "round-two@example.com");
            everyKind(from, one);
            everyKind(from, two);
        }
        StoreSnapshot first = StoreSnapshot.of(disk);
        assertThat(first.count("artists")).isEqualTo(2);
        assertThat(first.rows().get("releases")).anyMatch(r -> r.contains("kind=music")).anyMatch(r -> r.contains("kind=book"))
                .anyMatch(r -> r.contains("kind=film")).anyMatch(r -> r.contains("kind=other"));
        assertThat(first.count("seller_webhooks")).isEqualTo(2);
        assertThat(first.rows().get("purchases")).anyMatch(r -> r.contains("status=refunded"));
        assertThat(first.count("link_keys")).isPositive();
        assertThat(first.files()).hasSizeGreaterThanOrEqualTo(2 * 6);

        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> cloud = new HashMap<>(onDisk(Files.createTempDirectory("gatefold-cloud")));
        cloud.putAll(TestDatabases.postgresUrl().settings());
        cloud.putAll(TestServer.onS3(s3, s3.createFreshBucket()));
        move(disk, cloud);
        StoreSnapshot second = StoreSnapshot.of(cloud);
        assertSame(second, first);
        oldLinksStillWork(cloud, one, two);

        StoreSnapshot downloaded = StoreSnapshot.of(cloud); // the fans' downloads just now count too
        assertThat(downloaded.rows().get("download_counts")).isNotEqualTo(first.rows().get("download_counts"));
        Map<String, String> back = onDisk(Files.createTempDirectory("gatefold-back"));
        move(cloud, back);
        assertSame(StoreSnapshot.of(back), downloaded);
        oldLinksStillWork(back, one, two);
    }

    /** A music release with a track, a book, a film and a seller webhook, beside the fixture's plain files. */
    private void everyKind(TestServer server, MovingFixture fixture) throws IOException {
        ApiClient api = new ApiClient(server);
        String token = fixture.artist.token();
        String music = api.newRelease(token, Map.of("title", "Songs to Move By", "kind", "music", "pricing", "fixed",
                "price", Map.of("amount", "8.00", "currency", "EUR")));
        put(api, token, music, "01-leaving.wav", TestAudio.wav(1.5));
        assertThat(api.post("/api/releases/" + music + "/publish", token, null).status()).isEqualTo(200);
        assertThat(api.post("/api/releases/" + music + "/purchases", token, Map.of("email", "listener@example.com")).status())
                .isEqualTo(201);
        String book = api.newRelease(token, Map.of("title", "A Book in Boxes", "kind", "book", "pricing", "free"));
        put(api, token, book, "boxes.pdf", pdf());
        assertThat(api.post("/api/releases/" + book + "/publish", token, null).status()).isEqualTo(200);
        Reply checkout = api.post("/checkout/" + book, null, Map.of("email", "reader@example.com"));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        receipts.put(fixture.artist.slug(), URI.create(checkout.text("receiptUrl")).getRawPath());
        String film = api.newRelease(token, Map.of("title", "The Van", "kind", "film", "pricing", "free"));
        put(api, token, film, "the-van.mp4", Files.readAllBytes(FilmFixtures.film360()));
        Reply hook = api.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:9/" + fixture.artist.slug()));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(201);
    }

    private static void put(ApiClient api, String token, String release, String name, byte[] bytes) {
        Reply put = api.put("/api/releases/" + release + "/files/" + name, token, HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
    }

    private static byte[] pdf() throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.save(out);
            return out.toByteArray();
        }
    }

    /** `gatefold export --with-secrets` from one stopped store, `gatefold import --with-secrets` into a new one. */
    private static void move(Map<String, String> from, Map<String, String> to) throws IOException {
        Path passphrase = Files.writeString(Files.createTempFile("gatefold-pass", ".txt"), PASSPHRASE);
        Path archive = Files.createTempDirectory("gatefold-archive").resolve("store.tar");
        assertThat(MovingFixture.command("export", "--out", archive.toString(), "--with-secrets", "--passphrase-file", passphrase.toString(),
                "--config", config(from).toString())).isZero();
        assertThat(MovingFixture.command("import", archive.toString(), "--with-secrets", "--passphrase-file", passphrase.toString(),
                "--config", config(to).toString())).isZero();
        assertThat(MovingFixture.command("import", archive.toString(), "--with-secrets", "--passphrase-file", passphrase.toString(),
                "--config", config(to).toString())).as("a second import of the same archive changes nothing").isEqualTo(3);
        Files.delete(archive);
    }

    /** Rows and files equal; the first difference is named table by table, not as one long line. */
    private static void assertSame(StoreSnapshot moved, StoreSnapshot original) {
        for (String table : original.rows().keySet()) {
            assertThat(moved.rows().get(table)).as(table).containsExactlyElementsOf(original.rows().get(table));
        }
        assertThat(moved.files()).isEqualTo(original.files());
    }

    /** A fan's saved link downloads the same bytes; the refunded buyer's purchase stays refunded. */
    private void oldLinksStillWork(Map<String, String> settings, MovingFixture... fixtures) throws Exception {
        Map<String, String> withMail = new HashMap<>(settings);
        withMail.putAll(TestMail.smtpSettings(SMTP));
        try (TestServer to = TestServer.start(Path.of(settings.get("GATEFOLD_DATA_DIR")), withMail)) {
            readerSignsInAndFindsBothBooks(to);
            for (MovingFixture fixture : fixtures) {
                HttpResponse<byte[]> download = to.client().send(HttpRequest.newBuilder(URI.create(
                        to.url(URI.create(fixture.downloadUrl).getRawPath()))).build(), HttpResponse.BodyHandlers.ofByteArray());
                if (download.statusCode() == 302) { // S3 in redirect mode: the store's own signed URL
                    download = to.client().send(HttpRequest.newBuilder(URI.create(download.headers().firstValue("Location")
                            .orElseThrow())).build(), HttpResponse.BodyHandlers.ofByteArray());
                }
                assertThat(download.statusCode()).isEqualTo(200);
                assertThat(download.body()).isEqualTo(fixture.files.get(fixture.downloadName));
                String purchases = new ApiClient(to).get("/api/purchases", fixture.artist.token()).body();
                assertThat(purchases).contains("\"id\":\"" + fixture.refundedPurchase + "\"");
                assertThat(new ApiClient(to).get("/api/purchases", fixture.artist.token()).json())
                        .filteredOn(p -> p.path("id").asText().equals(fixture.refundedPurchase))
                        .singleElement().satisfies(p -> assertThat(p.path("status").asText()).isEqualTo("refunded"));
                HttpResponse<String> receipt = to.get(receipts.get(fixture.artist.slug()));
                assertThat(receipt.statusCode()).isEqualTo(200);
                assertThat(receipt.body()).contains("boxes.pdf");
            }
        }
    }

    /** At the new address the reader asks for a sign-in link with the same email and finds what they had. */
    private static void readerSignsInAndFindsBothBooks(TestServer to) throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        assertThat(new ApiClient(to).post("/library", null, Map.of("email", "reader@example.com")).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestMail.to(SMTP, "reader@example.com").size() == 1);
        String link = TestMail.path(TestMail.to(SMTP, "reader@example.com").get(0), "library/signin");
        HttpResponse<String> signedIn = SignInLinks.follow(request -> to.send(request), URI.create(to.url(link)));
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library="))
                .findFirst().orElseThrow();
        HttpResponse<String> library = to.get("/library", "Cookie", cookie.substring(0, cookie.indexOf(';')),
                "Accept", "application/json");
        assertThat(library.statusCode()).isEqualTo(200);
        assertThat(ApiClient.JSON.readTree(library.body()).findValuesAsText("releaseTitle"))
                .containsExactlyInAnyOrder("A Book in Boxes", "A Book in Boxes");
    }

    private static Map<String, String> onDisk(Path dataDir) {
        Map<String, String> settings = new HashMap<>();
        settings.put("GATEFOLD_DATA_DIR", dataDir.toString());
        // Named, so the disk side stays on H2 when the suite runs on PostgreSQL (-Dgatefold.test.db=postgres).
        settings.put("GATEFOLD_DB_URL", "jdbc:h2:file:" + dataDir.resolve("db").resolve("gatefold")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        settings.put("GATEFOLD_HOST", "127.0.0.1");
        settings.put("GATEFOLD_PORT", "0");
        return settings;
    }

    private static Path config(Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = Files.createTempFile("gatefold", ".properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, null);
        }
        return file;
    }
}
