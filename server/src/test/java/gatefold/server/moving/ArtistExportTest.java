package gatefold.server.moving;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.ApiClient;
import gatefold.server.Services;
import gatefold.server.TestServer;
import gatefold.storage.BlobKey;
import gatefold.storage.S3ProxyServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * "Export everything" from the dashboard's API: one job builds the same archive as {@code gatefold
 * export --artist}, the artist gets one mail with a link that downloads it (and resumes it)
 * byte for byte, nobody else's link opens it, asking again while it is built starts nothing new,
 * a newer export replaces it, and the sweep removes an expired one from the store and the table.
 */
class ArtistExportTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop@example.com", "shop", "mail-secret"))
            .withPerMethodLifecycle(false);

    static final Pattern LINK = Pattern.compile("(http://\\S+/exports/\\S+)");

    static List<MimeMessage> ready(String to) {
        return TestMail.to(SMTP, to, "Your export is ready");
    }

    @Test
    void anArtistsExportIsBuiltOnceMailedOnceDownloadedWithResumeAndSweptWhenExpired() throws Exception {
        exportFollowedThrough(Map.of(), "disk");
    }

    @Test
    void theSameOnAnS3Store() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        exportFollowedThrough(TestServer.onS3(s3, s3.createFreshBucket()), "s3");
    }

    private void exportFollowedThrough(Map<String, String> store, String where) throws Exception {
        Map<String, String> settings = new java.util.HashMap<>(store);
        settings.putAll(TestMail.smtpSettings(SMTP));
        String mine = "exporting-" + where + "@example.com";
        try (TestServer server = TestServer.start(settings)) {
            MovingFixture band = new MovingFixture(server, "Exporting Band", mine);
            MovingFixture other = new MovingFixture(server, "Other Band", "other-" + where + "@example.com");
            Services.Core core = server.gatefold.services().core();
            assertThat(status(server, band.artist.token()).statusCode()).isEqualTo(404);

            // Asked four times at once: one export, one job.
            List<CompletableFuture<HttpResponse<String>>> asks = IntStream.range(0, 4)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> post(server, band.artist.token()))).toList();
            List<JsonNode> answers = asks.stream().map(CompletableFuture::join).map(res -> {
                assertThat(res.statusCode()).as(res.body()).isEqualTo(202);
                return json(res.body());
            }).toList();
            String id = answers.get(0).path("id").asText();
            assertThat(answers).allSatisfy(a -> assertThat(a.path("id").asText()).isEqualTo(id));
            assertThat(server.gatefold.services().jobs().byKeyPrefix("export:")).hasSize(1);

            JsonNode done = awaitReady(server, band.artist.token(), id);
            String url = done.path("downloadUrl").asText();
            assertThat(done.path("size").asLong()).isPositive();
            assertThat(done.path("progress").asDouble()).isEqualTo(1.0);
            assertThat(Instant.parse(done.path("expiresAt").asText())).isAfter(Instant.now().plus(Duration.ofDays(6)));

            // The same entries as the command's archive for this artist, and every file as its manifest says.
            byte[] archive = bytes(server, url, null).body();
            assertThat(archive).hasSize((int) done.path("size").asLong());
            Map<String, byte[]> entries = MovingArchives.read(archive);
            ByteArrayOutputStream cli = new ByteArrayOutputStream();
            MovingServices.exports(core).write(StoreExport.Options.artist(band.artist.slug()), cli, StoreExport.Progress.NONE);
            Map<String, byte[]> expected = MovingArchives.read(cli.toByteArray());
            assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
            JsonNode manifest = ApiClient.JSON.readTree(entries.get(ArchiveLayout.MANIFEST));
            assertThat(manifest.path("blobs").size()).isEqualTo(2); // three files, two of them the same bytes
            for (JsonNode blob : manifest.path("blobs")) {
                assertThat(sha256(entries.get(blob.path("entry").asText()))).as(blob.toString()).isEqualTo(blob.path("sha256").asText());
                assertThat(entries.get(blob.path("entry").asText())).isEqualTo(expected.get(blob.path("entry").asText()));
            }
            assertThat(manifest.path("artists").size()).isEqualTo(1);

            // A download that stopped carries on from where it was, byte-identical.
            HttpResponse<byte[]> head = bytes(server, url, HttpRequest.newBuilder(URI.create(url)).method("HEAD",
                    HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(archive.length));
            String etag = head.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> first = bytes(server, url, HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-99999"));
            HttpResponse<byte[]> rest = bytes(server, url, HttpRequest.newBuilder(URI.create(url))
                    .header("Range", "bytes=" + first.body().length + "-").header("If-Range", etag));
            assertThat(first.statusCode()).isEqualTo(206);
            assertThat(rest.statusCode()).isEqualTo(206);
            byte[] joined = new byte[first.body().length + rest.body().length];
            System.arraycopy(first.body(), 0, joined, 0, first.body().length);
            System.arraycopy(rest.body(), 0, joined, first.body().length, rest.body().length);
            assertThat(joined).isEqualTo(archive);

            // One mail, with that link.
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(mine).size() >= 1);
            Thread.sleep(1000);
            assertThat(ready(mine)).hasSize(1);
            String text = ((String) ready(mine).get(0).getContent()).replace("\r\n", "\n");
            Matcher mailed = LINK.matcher(text);
            assertThat(mailed.find()).as(text).isTrue();
            assertThat(mailed.group(1)).isEqualTo(url);

            // Another artist's link (or none) opens nothing of this one.
            String theirId = json(post(server, other.artist.token()).body()).path("id").asText();
            String theirs = awaitReady(server, other.artist.token(), theirId).path("downloadUrl").asText();
            String theirToken = theirs.substring(theirs.lastIndexOf('/') + 1);
            assertThat(bytes(server, url.substring(0, url.lastIndexOf('/') + 1) + theirToken, null).statusCode()).isEqualTo(404);
            assertThat(bytes(server, url + "x", null).statusCode()).isEqualTo(404);
            assertThat(json(status(server, other.artist.token()).body()).path("id").asText()).isEqualTo(theirId);

            // A fresh export replaces the old one: its file leaves the store.
            String oldKey = ArtistExports.PREFIX + band.artist.id() + "/" + id + ".tar";
            assertThat(core.store().head(BlobKey.of(oldKey))).isPresent();
            String fresh = json(post(server, band.artist.token()).body()).path("id").asText();
            assertThat(fresh).isNotEqualTo(id);
            String freshUrl = awaitReady(server, band.artist.token(), fresh).path("downloadUrl").asText();
            assertThat(core.store().head(BlobKey.of(oldKey))).isEmpty();
            assertThat(bytes(server, url, null).statusCode()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(60)).until(() -> ready(mine).size() == 2);

            // Once expired, the sweep takes file and row away.
            String freshKey = ArtistExports.PREFIX + band.artist.id() + "/" + fresh + ".tar";
            ExportSweep sweep = new ExportSweep(new ExportRows(core.jdbi()), core.store());
            assertThat(sweep.runOnce(Instant.now())).isZero();
            assertThat(sweep.runOnce(Instant.now().plus(ArtistExports.LIFETIME).plusSeconds(60))).isEqualTo(2);
            assertThat(core.store().head(BlobKey.of(freshKey))).isEmpty();
            int rows = core.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM artist_exports").mapTo(Integer.class).one());
            assertThat(rows).isZero();
            assertThat(bytes(server, freshUrl, null).statusCode()).isEqualTo(404);
            assertThat(status(server, band.artist.token()).statusCode()).isEqualTo(404);
        }
    }

    private static JsonNode awaitReady(TestServer server, String token, String id) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            JsonNode now = json(status(server, token).body());
            assertThat(now.path("state").asText()).isNotEqualTo("failed");
            return now.path("id").asText().equals(id) && now.path("state").asText().equals("ready");
        });
        return json(status(server, token).body());
    }

    private static HttpResponse<String> post(TestServer server, String token) {
        return server.send(HttpRequest.newBuilder(URI.create(server.url("/api/export"))).POST(HttpRequest.BodyPublishers.noBody()),
                "Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> status(TestServer server, String token) {
        return server.get("/api/export", "Authorization", "Bearer " + token, "Accept", "application/json");
    }

    private static HttpResponse<byte[]> bytes(TestServer server, String url, HttpRequest.Builder request) throws Exception {
        HttpRequest.Builder builder = request != null ? request : HttpRequest.newBuilder(URI.create(url));
        return server.client().send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(String body) {
        try {
            return ApiClient.JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(body, e);
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
