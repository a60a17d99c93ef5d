package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.MovableClock;
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
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
    /** The server's clock: a rental's days and hours pass in a test. */
    static final MovableClock clock = new MovableClock();
    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    static TestServer server;
    static ApiClient api;
    static Film film;

    record Film(String token, String release) {
    }

    @BeforeAll
    static void start() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2", "GATEFOLD_PAYMENTS_TEST", "true"), clock);
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
    void aRentalStartsAndEndsOnTheClockAndTheLibrarySaysSo() throws Exception {
        Reply offer = api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(),
                Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentStartDays", 2, "rentWatchHours", 3));
        assertThat(offer.status()).as(offer.toString()).isEqualTo(200);
        JsonNode receipt = rentAtCheckout("nightowl@example.com");
        assertThat(receipt.path("downloads").toString()).doesNotContain("film.mp4");
        rentAtCheckout("toolate@example.com");
        FanLibrary watcher = FanLibrary.signIn(server, "nightowl@example.com");
        FanLibrary late = FanLibrary.signIn(server, "toolate@example.com");
        JsonNode rental = watcher.item().path("rental");
        Instant startBy = Instant.parse(rental.path("startBy").asText());
        assertThat(startBy).isBetween(clock.instant().plus(Duration.ofDays(2)).minusSeconds(60), clock.instant().plus(Duration.ofDays(2)));
        assertThat(rental.path("firstPlayAt").isNull()).isTrue();
        // Before the first play: counting down to the last moment to start; no end yet.
        assertThat(rental.path("state").asText()).isEqualTo("not_started");
        assertThat(rental.path("endsAt").isNull()).as(rental.toString()).isTrue();
        assertThat(rental.path("secondsLeft").asLong())
                .isBetween(Duration.between(clock.instant(), startBy).toSeconds() - 60, Duration.ofDays(2).toSeconds());
        assertThat(watcher.page()).contains("Rented: start watching by " + WHEN.format(startBy) + ", then you have 3 hours to finish.");
        assertThat(watcher.item().path("downloads").toString()).doesNotContain("film.mp4");

        // A minute before the window to start closes: pressing play starts the three hours.
        clock.moveTo(startBy.minus(Duration.ofMinutes(1)));
        String lateUrl = hls(late.item()); // fetched in time, played too late (below)
        Instant pressedPlay = clock.instant();
        String master = text(hls(watcher.item()));
        Instant started = Instant.parse(watcher.item().path("rental").path("firstPlayAt").asText());
        assertThat(started).isBetween(pressedPlay, clock.instant());
        assertThat(watcher.page()).contains("Rented: 2 hours left to watch (until " + WHEN.format(started.plus(Duration.ofHours(3))) + ").");

        // A minute before the three hours are up, it still plays: a playlist and a segment.
        clock.moveTo(started.plus(Duration.ofHours(3)).minus(Duration.ofMinutes(1)));
        String rendition = uris(master).get(0);
        String segment = uris(text(rendition)).get(0);
        assertThat(get(segment).statusCode()).isEqualTo(200);
        assertThat(watcher.page()).contains("Rented: less than an hour left to watch");
        JsonNode watching = watcher.item().path("rental");
        assertThat(watching.path("state").asText()).isEqualTo("watching");
        assertThat(Instant.parse(watching.path("endsAt").asText())).isEqualTo(started.plus(Duration.ofHours(3)));
        assertThat(watching.path("secondsLeft").asLong()).isBetween(1L, 60L);
        // The other fan fetched the film in time but never pressed play: past the window to start, it refuses.
        assertThat(refusal(get(lateUrl))).isEqualTo("rental_expired");
        assertThat(late.item().path("streams").size()).isZero();
        assertThat(late.page()).contains("This rental was not started in time and has ended.");
        JsonNode neverStarted = late.item().path("rental");
        assertThat(neverStarted.path("state").asText()).isEqualTo("ended");
        assertThat(neverStarted.path("endsAt").isNull()).isTrue();
        assertThat(neverStarted.path("secondsLeft").asLong()).isZero();

        // Past the three hours: the next playlist and segment refuse, and the library says it is over.
        clock.advance(Duration.ofMinutes(2));
        HttpResponse<byte[]> refused = get(rendition);
        assertThat(refusal(refused)).isEqualTo("rental_expired");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(ApiClient.JSON.readTree(refused.body()).path("message").asText()).contains("ended");
        assertThat(refusal(get(segment))).isEqualTo("rental_expired");
        assertThat(watcher.item().path("streams").size()).isZero();
        assertThat(watcher.page()).contains("This rental ended on " + WHEN.format(started.plus(Duration.ofHours(3))) + ".");
        JsonNode ended = watcher.item().path("rental");
        assertThat(ended.path("state").asText()).isEqualTo("ended");
        assertThat(Instant.parse(ended.path("endsAt").asText())).isEqualTo(started.plus(Duration.ofHours(3)));
        assertThat(ended.path("secondsLeft").asLong()).isZero();
        assertThat(ended.path("watchHours").asInt()).isEqualTo(3);
        assertThat(ended.path("entitlementId").asText()).isNotEmpty();
    }

    @Test
    void anArtistRecordsARentalThatHasNoDownloadOfTheMaster() {
        api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(),
                Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentWatchHours", 48));
        Reply rented = api.post("/api/releases/" + film.release() + "/rentals", film.token(), Map.of("email", "renter@example.com"));
        assertThat(rented.status()).as(rented.toString()).isEqualTo(201);
        assertThat(rented.json().path("rental").path("watchHours").asInt()).isEqualTo(48);
        String entitlement = rented.json().path("rental").path("entitlementId").asText();
        DownloadLinks links = server.gatefold.services().delivery().links();
        assertThat(links.forEntitlement(entitlement).orElseThrow()).noneMatch(d -> d.name().equals("film.mp4"));
        assertThat(links.streamsFor(entitlement)).extracting(DownloadLinks.Stream::kind).containsExactly("hls");
    }

    /** A fan rents the film at checkout (the test provider) and returns its receipt's JSON. */
    static JsonNode rentAtCheckout(String email) throws Exception {
        return checkout(email, true);
    }

    /** A fan buys (or rents) the film at checkout, paying with the test provider; returns the receipt's JSON. */
    static JsonNode checkout(String email, boolean rent) throws Exception {
        return receipt(paidAtCheckout(email, rent));
    }

    /** The receipt page's address, once the fan has paid. */
    static String paidAtCheckout(String email, boolean rent) {
        Reply started = api.post("/checkout/" + film.release(), null, Map.of("email", email, "rent", rent, "provider", "test"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        api.exchange(HttpRequest.newBuilder(URI.create(started.text("redirectUrl"))).POST(HttpRequest.BodyPublishers.noBody()));
        return started.text("receiptUrl");
    }

    static JsonNode receipt(String receiptUrl) throws Exception {
        JsonNode receipt = ApiClient.JSON.readTree(get(receiptUrl, "Accept", "application/json").body());
        assertThat(receipt.path("status").asText()).isEqualTo("confirmed");
        return receipt;
    }

    @Test
    void aFanRentsTheFilmAtCheckoutAndGetsTheFilmWithoutItsMaster() throws Exception {
        api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(),
                Map.of("rentPrice", Map.of("amount", "3.00", "currency", "EUR"), "rentWatchHours", 48));
        String page = api.get("/api/releases/" + film.release(), film.token()).json().path("url").asText();
        assertThat(text(page)).contains("<input type=\"hidden\" name=\"option\" value=\"rent\">").contains("48 hours to finish");
        JsonNode receipt = rentAtCheckout("fanrenter@example.com");
        assertThat(receipt.path("amount").path("amount").asText()).isEqualTo("3.00");
        assertThat(receipt.path("downloads").toString()).doesNotContain("film.mp4");
        assertThat(text(hls(receipt))).contains("#EXT-X-STREAM-INF");
        int rentals = server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM rentals r JOIN purchases p ON p.entitlement_id = r.entitlement_id"
                        + " WHERE p.email = 'fanrenter@example.com' AND r.watch_hours = 48 AND r.first_play_at IS NOT NULL")
                .mapTo(Integer.class).one());
        assertThat(rentals).isEqualTo(1);
    }

    @Test
    void aStreamOnlyFilmOffersNoDownloadAnywhere() throws Exception {
        assertThat(hls(buy("owner@example.com"))).contains("/watch/");
        JsonNode owned = buy("owner2@example.com");
        String masterLink = owned.path("downloads").findValuesAsText("url").stream().findFirst().orElseThrow();
        assertThat(owned.path("downloads").toString()).contains("film.mp4");
        Reply streamOnly = api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(), Map.of("streamOnly", true));
        assertThat(streamOnly.json().path("streamOnly").asBoolean()).isTrue();
        try {
            JsonNode watched = buy("viewer@example.com");
            assertThat(watched.path("downloads").toString()).doesNotContain("film.mp4");
            assertThat(text(hls(watched))).contains("#EXT-X-STREAM-INF");
            String receiptUrl = paidAtCheckout("streamfan@example.com", false);
            JsonNode receipt = receipt(receiptUrl);
            assertThat(receipt.path("downloads")).isEmpty();
            assertThat(receipt.path("albums")).isEmpty();
            assertThat(text(hls(receipt))).contains("#EXT-X-STREAM-INF");
            HttpResponse<byte[]> receiptPage = get(receiptUrl, "Accept", "text/html");
            assertThat(new String(receiptPage.body())).doesNotContain("/d/");
            FanLibrary library = FanLibrary.signIn(server, "streamfan@example.com");
            assertThat(library.item().path("downloads")).isEmpty();
            assertThat(library.item().path("albums")).isEmpty();
            assertThat(library.page()).doesNotContain("/d/").contains("/watch/");
            String receiptMail = "SELECT body FROM mail_outbox WHERE to_address = 'streamfan@example.com' AND subject LIKE 'Your download%'";
            await().atMost(Duration.ofSeconds(20)).until(() -> !server.gatefold.services().core().jdbi().withHandle(h ->
                    h.createQuery(receiptMail).mapTo(String.class).list()).isEmpty());
            List<String> mails = server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(receiptMail)
                    .mapTo(String.class).list());
            assertThat(mails).singleElement().satisfies(mail -> assertThat(mail)
                    .contains("Watch it in your library").contains("/library").doesNotContain("/d/").doesNotContain("not ready"));
            // A link handed out before the film went stream-only no longer hands the master over, on either path.
            HttpResponse<byte[]> click = get(masterLink);
            assertThat(click.statusCode()).as(new String(click.body())).isEqualTo(404);
            assertThat(new String(click.body())).contains("watched in your library");
            assertThat(get(masterLink, "Range", "bytes=0-99").statusCode()).isEqualTo(404);
        } finally {
            api.send("PUT", "/api/releases/" + film.release() + "/film", film.token(), Map.of("streamOnly", false));
        }
        assertThat(get(masterLink).statusCode()).isIn(200, 302);
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
