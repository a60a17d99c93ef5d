package gatefold.server.audience;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.delivery.DownloadLink;
import gatefold.server.delivery.LinkSigner;
import gatefold.server.mail.TestShop;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import static org.awaitility.Awaitility.await;

/**
 * A pre-order's files the artist made available now download at once, on the route and on the
 * Jetty fast path alike; every other file answers {@code not_released_yet} until the date.
 * Redirect mode on a real S3 server, so the fast path is the one answering plain clicks.
 */
class PreorderAvailableNowTest {

    static S3ProxyServer s3;
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        String bucket = s3.createFreshBucket();
        server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true", "GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", bucket, "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey()));
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record TwoFiles(String releaseId, String nowId, byte[] now, String laterId, byte[] later) {
    }

    static TwoFiles preorder(TestShop.Seller seller, LocalDate day) {
        String id = shop.api.newRelease(seller.token(), Map.of("title", "Two Parts", "kind", "other", "pricing", "fixed",
                "price", "5.00", "releaseDate", day.toString()));
        byte[] now = bytes(1);
        byte[] later = bytes(2);
        String nowId = put(seller, id, "a-now.bin", now);
        String laterId = put(seller, id, "b-later.bin", later);
        ApiClient.Reply flagged = shop.api.patch("/api/releases/" + id + "/files/" + nowId, seller.token(), Map.of("availableNow", true));
        assertThat(flagged.status()).as(flagged.toString()).isEqualTo(200);
        assertThat(flagged.json().path("availableNow").asBoolean()).isTrue();
        assertThat(shop.api.patch("/api/releases/" + id + "/files/" + nowId, seller.token(), Map.of("availableNow", "yes")).status())
                .isEqualTo(422);
        assertThat(shop.api.post("/api/releases/" + id + "/publish", seller.token(), null).status()).isEqualTo(200);
        return new TwoFiles(id, nowId, now, laterId, later);
    }

    static byte[] bytes(int seed) {
        byte[] bytes = new byte[20_000];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static String put(TestShop.Seller seller, String releaseId, String name, byte[] bytes) {
        ApiClient.Reply put = shop.api.put("/api/releases/" + releaseId + "/files/" + ApiClient.enc(name), seller.token(),
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return put.json().path("id").asText();
    }

    static HttpResponse<String> click(String link, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return shop.send(request);
    }

    /** The file behind a redirect, fetched from the store. */
    static byte[] fetched(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        HttpResponse<byte[]> bytes = shop.sendBytes(HttpRequest.newBuilder(URI.create(redirect.headers().firstValue("Location")
                .orElseThrow())));
        assertThat(bytes.statusCode()).isEqualTo(200);
        return bytes.body();
    }

    @Test
    void aPreorderDownloadsTheFilesAvailableNowAndTheRestOnTheDay() {
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(9);
        TwoFiles release = preorder(shop.artist("Half Now Band"), day);
        String receiptUrl = shop.buyWithTestPayment(release.releaseId(), "half@example.com");

        JsonNode receipt = receipt(receiptUrl);
        assertThat(receipt.path("entitlement").asText()).isEqualTo("preordered");
        assertThat(receipt.path("opensOn").asText()).isEqualTo(day.toString());
        assertThat(receipt.path("downloads")).hasSize(1);
        assertThat(receipt.path("downloads").get(0).path("fileId").asText()).isEqualTo(release.nowId());
        assertThat(receipt.path("albums")).isEmpty();
        String link = receipt.path("downloads").get(0).path("url").asText();

        // The plain click is the fast path's (its redirect carries no Content-Type); a range goes through the route.
        HttpResponse<String> fast = click(link);
        assertThat(fast.headers().firstValue("Content-Type")).isEmpty();
        assertThat(fetched(fast)).isEqualTo(release.now());
        HttpResponse<String> routed = click(link, "Range", "bytes=0-");
        assertThat(routed.headers().firstValue("Content-Type")).isPresent();
        assertThat(fetched(routed)).isEqualTo(release.now());

        // The other file: refused on both paths until the date.
        String later = linkTo(link, release.laterId());
        for (HttpResponse<String> refused : new HttpResponse[] {click(later), click(later, "Range", "bytes=0-")}) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.body()).contains("not_released_yet");
        }
        // The library lists the file available now and says when the rest opens; the receipt page too.
        var inLibrary = server.gatefold.services().fans().library().items("half@example.com", Instant.now());
        assertThat(inLibrary).hasSize(1);
        assertThat(inLibrary.get(0).opensOn()).isEqualTo(day.toString());
        assertThat(inLibrary.get(0).downloads()).extracting(d -> d.fileId()).containsExactly(release.nowId());
        String page = click(receiptUrl, "Accept", "text/html").body();
        assertThat(page).contains("Pre-order").contains(day.toString()).contains("a-now.bin").doesNotContain("b-later.bin");

        // On the day everything opens, on both paths.
        assertThat(server.gatefold.services().audience().preorders().releaseDue(day.atStartOfDay().toInstant(ZoneOffset.UTC))).isEqualTo(1);
        JsonNode open = receipt(receiptUrl);
        assertThat(open.path("entitlement").asText()).isEqualTo("confirmed");
        assertThat(open.path("opensOn").isNull()).isTrue();
        assertThat(open.path("downloads")).hasSize(2);
        assertThat(fetched(click(later))).isEqualTo(release.later());
        assertThat(fetched(click(later, "Range", "bytes=0-"))).isEqualTo(release.later());
        assertThat(click(receiptUrl, "Accept", "text/html").body()).doesNotContain("Pre-order").contains("b-later.bin");
    }

    @Test
    void thePagesAndTheReleaseJsonSayPreorderAndTheArtistPageLinksTheBundles() {
        TestShop.Seller seller = shop.artist("Soon Band");
        String slug = shop.api.get("/api/me", seller.token()).text("slug");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(12);
        TwoFiles release = preorder(seller, day);
        JsonNode json = shop.api.get("/api/releases/" + release.releaseId(), seller.token()).json();
        assertThat(json.path("preorder").path("releaseDate").asText()).isEqualTo(day.toString());
        assertThat(json.path("preorder").path("availableNow")).hasSize(1);
        assertThat(json.path("preorder").path("availableNow").get(0).asText()).isEqualTo(release.nowId());
        String releasePage = json.path("url").asText();
        String html = click(releasePage, "Accept", "text/html").body();
        assertThat(html).contains(">Pre-order</h2>").contains("Out on " + day).contains("a-now is yours at once")
                .contains("Pre-order for 5.00");
        assertThat(click(server.url("/checkout/" + release.releaseId()), "Accept", "text/html").body()).contains("Out on " + day);

        ApiClient.Reply bundle = shop.api.post("/api/bundles", seller.token(), Map.of("title", "Everything So Far",
                "discography", true, "discountPercent", 10));
        assertThat(bundle.status()).as(bundle.toString()).isEqualTo(201);
        String artistPage = click(server.url("/a/" + slug), "Accept", "text/html").body();
        assertThat(artistPage).contains("href=\"/bundles/" + bundle.text("id") + "\"").contains("Everything So Far · ");

        // Once the date is today it is a release like any other.
        assertThat(shop.api.patch("/api/releases/" + release.releaseId(), seller.token(),
                Map.of("releaseDate", LocalDate.now(ZoneOffset.UTC).toString())).status()).isEqualTo(200);
        assertThat(shop.api.get("/api/releases/" + release.releaseId(), seller.token()).json().path("preorder").isNull()).isTrue();
        assertThat(click(releasePage, "Accept", "text/html").body()).doesNotContain("Pre-order").contains("Buy for 5.00");
    }

    @Test
    void aPreorderPlaysTheTracksAvailableNowAndNoOther() throws Exception {
        TestShop.Seller seller = shop.artist("Stream Soon Band");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(5);
        String id = shop.api.newRelease(seller.token(), Map.of("title", "Two Tones", "kind", "music", "pricing", "fixed",
                "price", "3.00", "releaseDate", day.toString(), "formats", java.util.List.of("original")));
        String first = put(seller, id, "01 First.flac", tone(440));
        String second = put(seller, id, "02 Second.flac", tone(660));
        assertThat(shop.api.patch("/api/releases/" + id + "/files/" + first, seller.token(), Map.of("availableNow", true)).status())
                .isEqualTo(200);
        assertThat(shop.api.post("/api/releases/" + id + "/publish", seller.token(), null).status()).isEqualTo(200);
        String receiptUrl = shop.buyWithTestPayment(id, "listener@example.com");

        JsonNode streams = receipt(receiptUrl).path("streams");
        assertThat(streams).hasSize(1);
        assertThat(streams.get(0).path("fileId").asText()).isEqualTo(first);
        String playable = streams.get(0).path("url").asText();
        await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> click(playable).statusCode(), code -> code == 200 || code == 302);
        HttpResponse<String> other = click(linkTo(playable, second));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(other.body()).contains("not_released_yet");

        server.gatefold.services().audience().preorders().releaseDue(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(receipt(receiptUrl).path("streams")).hasSize(2);
        await().atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(300))
                .until(() -> click(linkTo(playable, second)).statusCode(), code -> code == 200 || code == 302);
    }

    /** A one-second FLAC tone, made by ffmpeg. */
    static byte[] tone(int hertz) throws Exception {
        java.nio.file.Path out = java.nio.file.Files.createTempFile("tone", ".flac");
        Process ffmpeg = new ProcessBuilder(gatefold.server.OsTool.FFMPEG.require().toString(), "-nostdin", "-v", "error", "-y",
                "-f", "lavfi", "-i", "sine=frequency=" + hertz + ":sample_rate=44100:duration=1", "-c:a", "flac", out.toString())
                .redirectErrorStream(true).start();
        String said = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor()).as(said).isZero();
        byte[] bytes = java.nio.file.Files.readAllBytes(out);
        java.nio.file.Files.delete(out);
        return bytes;
    }

    static JsonNode receipt(String url) {
        HttpResponse<String> res = click(url, "Accept", "application/json");
        assertThat(res.statusCode()).isEqualTo(200);
        try {
            return ApiClient.JSON.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** A link (download or stream) of the same purchase to another file, signed as the store signs them. */
    static String linkTo(String link, String fileId) {
        LinkSigner signer = server.gatefold.services().delivery().signer();
        String token = link.substring(link.lastIndexOf('/') + 1);
        DownloadLink got = ((LinkSigner.Valid) signer.verify(token, Instant.now())).link();
        return link.substring(0, link.lastIndexOf('/') + 1)
                + signer.sign(new DownloadLink(got.entitlementId(), fileId, got.format(), got.expiresAt()));
    }
}
