package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.delivery.DownloadLink;
import gatefold.server.delivery.DownloadLinks;
import gatefold.server.films.FilmFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A film through the whole store: packaged into HLS on the job queue once it is out, a public
 * trailer, a buyer's playlists rewritten per viewing with every segment checked again (a forged
 * or expired token, a refund, the end of a rental all refuse), ffprobe reading the stream as an
 * independent HLS client, and rentals and stream-only films that hand out no download of the master.
 */
class FilmStreamingTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static TestServer server;
    static ApiClient api;
    static Film film;

    record Film(String token, String release) {
    }

    @BeforeAll
    static void start() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2", "GATEFOLD_PAYMENTS_TEST", "true"));
        api = new ApiClient(server);
        String token = api.newArtist("Film Maker", "films@example.com").token();
        String release = api.newRelease(token, Map.of("title", "Test Card", "kind", "film", "pricing", "fixed",
                "price", Map.of("amount", "9.00", "currency", "EUR")));
        Reply put = api.put("/api/releases/" + release + "/files/film.mp4", token,
                HttpRequest.BodyPublishers.ofFile(FilmFixtures.film360()));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + release + "/publish", token, null).status()).isEqualTo(200);
        film = new Film(token, release);
        JsonNode packaging = api.get("/api/releases/" + release + "/film", token).json().path("packaging");
        assertThat(packaging.path("state").asText()).as(packaging.toString()).isIn("queued", "running");
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() ->
                !api.get("/api/releases/" + release + "/film", token).json().path("stream").isNull());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server.url(url)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String text(String url) throws Exception {
        HttpResponse<byte[]> answer = get(url);
        assertThat(answer.statusCode()).as(url + ": " + new String(answer.body())).isEqualTo(200);
        return new String(answer.body());
    }

    static JsonNode buy(String email) {
        Reply bought = api.post("/api/releases/" + film.release() + "/purchases", film.token(), Map.of("email", email));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        return bought.json();
    }

    static String hls(JsonNode purchase) {
        for (JsonNode stream : purchase.path("streams")) {
            if (stream.path("kind").asText().equals("hls")) {
                return stream.path("url").asText();
            }
        }
        throw new AssertionError("no hls stream in " + purchase);
    }

    /** The URI lines (not tags) of a playlist. */
    static List<String> uris(String playlist) {
        return Arrays.stream(playlist.split("\n")).filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void theTrailerIsPublicWithRanges() throws Exception {
        HttpResponse<byte[]> trailer = get("/trailer/" + film.release());
        assertThat(trailer.statusCode()).isEqualTo(200);
        assertThat(trailer.headers().firstValue("Content-Type").orElse("")).startsWith("video/mp4");
        assertThat(trailer.headers().firstValue("Cache-Control").orElse("")).startsWith("public");
        HttpResponse<byte[]> part = get("/trailer/" + film.release(), "Range", "bytes=0-99");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOf(trailer.body(), 100));
        String page = api.get("/api/releases/" + film.release(), film.token()).json().path("url").asText();
        assertThat(text(page)).contains("<video class=\"film\" controls preload=\"metadata\" playsinline src=\"/trailer/"
                + film.release() + "\"");
    }

    @Test
    void aBuyerWatchesThroughPlaylistsRewrittenPerViewingUntilARefund() throws Exception {
        JsonNode purchase = buy("watcher@example.com");
        String masterUrl = hls(purchase);
        assertThat(masterUrl).contains("/watch/").endsWith("/master.m3u8");
        String libraryToken = masterUrl.split("/watch/")[1].split("/")[0];
        String master = text(masterUrl);
        assertThat(master).startsWith("#EXTM3U").contains("#EXT-X-STREAM-INF");
        List<String> renditions = uris(master);
        assertThat(renditions).isNotEmpty().allMatch(u -> u.startsWith("/watch/") && u.endsWith("/playlist.m3u8"))
                .noneMatch(u -> u.contains(libraryToken));
        String media = text(renditions.get(0));
        List<String> segments = uris(media);
        assertThat(segments).isNotEmpty().allMatch(u -> u.startsWith("/watch/") && u.endsWith(".m4s"));
        assertThat(media).containsPattern("#EXT-X-MAP:URI=\"/watch/[^\"]+/init\\.mp4\"");

        HttpResponse<byte[]> segment = get(segments.get(0));
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.body().length).isGreaterThan(1000);
        assertThat(segment.headers().firstValue("Cache-Control").orElse("")).startsWith("private");
        HttpResponse<byte[]> part = get(segments.get(0), "Range", "bytes=10-19");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).isEqualTo(Arrays.copyOfRange(segment.body(), 10, 20));

        // Browsers without HLS play one rendition as a single file, with ranges, through the same token.
        HttpResponse<byte[]> progressive = get(masterUrl.replace("master.m3u8", "progressive/film.mp4"), "Range", "bytes=0-99");
        assertThat(progressive.statusCode()).isEqualTo(206);
        assertThat(progressive.headers().firstValue("Content-Type").orElse("")).startsWith("video/mp4");

        // ffprobe, a second HLS client, reads and decodes the stream through the signed URL.
        String probed = output(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-show_entries",
                "stream=codec_type,width", "-of", "csv=p=0", masterUrl));
        assertThat(probed).contains("video").contains("audio").contains("640");

        // Forged and expired tokens are refused on the segment itself.
        String segmentToken = segments.get(0).split("/")[2];
        String forged = segments.get(0).replace(segmentToken, segmentToken.substring(0, segmentToken.length() - 3) + "abc");
        assertThat(refusal(get(forged))).isEqualTo("stream_invalid");
        var signer = server.gatefold.services().delivery().signer();
        var valid = (gatefold.server.delivery.LinkSigner.Valid) signer.verify(segmentToken, Instant.now());
        String expired = signer.sign(new DownloadLink(valid.link().entitlementId(), valid.link().fileId(), WatchLinks.HLS,
                Instant.now().minusSeconds(1)));
        assertThat(refusal(get(segments.get(0).replace(segmentToken, expired)))).isEqualTo("stream_expired");
        // A download token is not a viewing token.
        String download = purchase.path("downloads").get(0).path("url").asText();
        String downloadToken = download.substring(download.lastIndexOf('/') + 1);
        assertThat(refusal(get(segments.get(0).replace(segmentToken, downloadToken)))).isEqualTo("stream_invalid");

        // A refund stops playback within one segment (6 s), though a segment's check may be a moment old.
        assertThat(get(segments.get(1 % segments.size())).statusCode()).isEqualTo(200);
        assertThat(api.post("/api/purchases/" + purchase.path("id").asText() + "/refund", film.token(), null).status())
                .isEqualTo(200);
        long refunded = System.nanoTime();
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() ->
                get(segments.get(1 % segments.size())).statusCode() == 403);
        assertThat(Duration.ofNanos(System.nanoTime() - refunded)).isLessThan(Duration.ofSeconds(6));
        assertThat(refusal(get(segments.get(1 % segments.size())))).isEqualTo("purchase_refunded");
        assertThat(refusal(get(masterUrl))).isEqualTo("purchase_refunded");
        assertThat(refusal(get(renditions.get(0)))).isEqualTo("purchase_refunded");
    }

    @Test
    void aRentalPlaysInItsWindowThenRefusesAndNeverOffersTheMaster() throws Exception {
        Reply offer = api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(),
                Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentWatchHours", 48));
        assertThat(offer.status()).as(offer.toString()).isEqualTo(200);
        assertThat(offer.json().path("rentPrice").path("amount").asText()).isEqualTo("3.00");
        Reply rented = api.post("/api/releases/" + film.release() + "/rentals", film.token(), Map.of("email", "renter@example.com"));
        assertThat(rented.status()).as(rented.toString()).isEqualTo(201);
        assertThat(rented.json().path("rental").path("watchHours").asInt()).isEqualTo(48);
        String entitlement = rented.json().path("rental").path("entitlementId").asText();
        DownloadLinks links = server.gatefold.services().delivery().links();
        assertThat(links.forEntitlement(entitlement).orElseThrow()).noneMatch(d -> d.name().equals("film.mp4"));
        String masterUrl = links.streamsFor(entitlement).get(0).url();

        String master = text(masterUrl);
        String segment = uris(text(uris(master).get(0))).get(0);
        assertThat(get(segment).statusCode()).isEqualTo(200);
        Instant started = server.gatefold.services().watch().rentals().of(entitlement).orElseThrow().firstPlayAt();
        assertThat(started).isBetween(Instant.now().minusSeconds(60), Instant.now());
        var inLibrary = server.gatefold.services().fans().library().items("renter@example.com").get(0);
        assertThat(inLibrary.rental().endsAt()).hasValue(started.plus(Duration.ofHours(48)));
        assertThat(inLibrary.streams()).extracting(DownloadLinks.Stream::kind).containsExactly("hls");
        assertThat(inLibrary.downloads()).noneMatch(d -> d.name().equals("film.mp4"));

        // 48 hours and a minute later: the next playlist and the next segment refuse.
        server.gatefold.services().core().jdbi().useHandle(h -> h.execute(
                "UPDATE rentals SET first_play_at = ? WHERE entitlement_id = ?", Instant.now().minus(Duration.ofHours(48).plusMinutes(1)),
                entitlement));
        // The next playlist refuses at once; a segment within one segment's length.
        assertThat(refusal(get(masterUrl))).isEqualTo("rental_expired");
        assertThat(refusal(get(uris(master).get(0)))).isEqualTo("rental_expired");
        await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100)).until(() -> get(segment).statusCode() == 403);
        assertThat(refusal(get(segment))).isEqualTo("rental_expired");

        // A rental never started within its window to start cannot be started.
        Reply late = api.post("/api/releases/" + film.release() + "/rentals", film.token(), Map.of("email", "late@example.com"));
        String lateEntitlement = late.json().path("rental").path("entitlementId").asText();
        server.gatefold.services().core().jdbi().useHandle(h -> h.execute(
                "UPDATE rentals SET start_by = ? WHERE entitlement_id = ?", Instant.now().minusSeconds(1), lateEntitlement));
        assertThat(refusal(get(links.streamsFor(lateEntitlement).get(0).url()))).isEqualTo("rental_expired");
    }

    @Test
    void aFanRentsTheFilmAtCheckoutAndGetsTheFilmWithoutItsMaster() throws Exception {
        api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(),
                Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentWatchHours", 48));
        String page = api.get("/api/releases/" + film.release(), film.token()).json().path("url").asText();
        assertThat(text(page)).contains("<input type=\"hidden\" name=\"option\" value=\"rent\">").contains("48 hours to finish");
        Reply started = api.post("/checkout/" + film.release(), null, Map.of("email", "fanrenter@example.com", "rent", true,
                "provider", "test"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().path("amount").path("amount").asText()).isEqualTo("3.00");
        api.exchange(HttpRequest.newBuilder(URI.create(started.text("redirectUrl"))).POST(HttpRequest.BodyPublishers.noBody()));
        JsonNode receipt = ApiClient.JSON.readTree(get(started.text("receiptUrl"), "Accept", "application/json").body());
        assertThat(receipt.path("status").asText()).isEqualTo("confirmed");
        assertThat(receipt.path("downloads").toString()).doesNotContain("film.mp4");
        assertThat(text(hls(receipt))).contains("#EXT-X-STREAM-INF");
        int rentals = server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM rentals r JOIN purchases p ON p.entitlement_id = r.entitlement_id"
                        + " WHERE p.email = 'fanrenter@example.com' AND r.watch_hours = 48 AND r.first_play_at IS NOT NULL")
                .mapTo(Integer.class).one());
        assertThat(rentals).isEqualTo(1);
    }

    @Test
    void aStreamOnlyFilmIsWatchedNotDownloaded() throws Exception {
        assertThat(hls(buy("owner@example.com"))).contains("/watch/");
        JsonNode owned = buy("owner2@example.com");
        assertThat(owned.path("downloads").toString()).contains("film.mp4");
        Reply streamOnly = api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(), Map.of("streamOnly", true));
        assertThat(streamOnly.json().path("streamOnly").asBoolean()).isTrue();
        JsonNode watched = buy("viewer@example.com");
        assertThat(watched.path("downloads").toString()).doesNotContain("film.mp4");
        assertThat(text(hls(watched))).contains("#EXT-X-STREAM-INF");
        api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(), Map.of("streamOnly", false));
    }

    static String output(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return out;
    }

    static String refusal(HttpResponse<byte[]> answer) throws Exception {
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(403);
        return ApiClient.JSON.readTree(answer.body()).path("error").asText();
    }
}
