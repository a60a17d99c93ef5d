package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A bought 720p film in Chromium through the store itself (not a copy of the files): the signed
 * master playlist plays through Media Source Extensions, switches from the 360p rendition to the
 * 720p one, shows the film's subtitles, and stops within the segment playing once the purchase is
 * refunded, because the next segment is refused.
 */
class BrowserFilmQualityTest {

    /** About 110 s on two busy cores, most of it the store packaging the 720p film: a long test. */
    @Tag("long")
    @Test
    void aBuyerSwitchesQualityAndARefundStopsTheFilmWithinASegment() throws Exception {
        Browser.requireAvailable();
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        try (TestServer server = BrowserServers.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2")); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Widescreen", "wide@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Test Pattern", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "8.00", "currency", "EUR")));
            assertThat(api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.film720())).status()).isEqualTo(201);
            assertThat(api.put("/api/releases/" + release + "/subtitles/film.en.srt", token, HttpRequest.BodyPublishers.ofString(
                    "1\n00:00:00,500 --> 00:00:05,000\nA test card\n\n2\n00:00:05,000 --> 00:00:09,000\nStill a test card\n",
                    StandardCharsets.UTF_8)).status()).isEqualTo(201);
            String page = api.post("/api/releases/" + release + "/publish", token, null).text("url");
            await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !api.get("/api/releases/" + release + "/film", token).json().path("stream").isNull());
            JsonNode film = api.get("/api/releases/" + release + "/film", token).json();
            assertThat(film.path("stream").path("renditions").asText()).isEqualTo("360p,720p");
            JsonNode bought = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "viewer@example.com")).json();
            String master = bought.path("streams").get(0).path("url").asText();

            // ffprobe, a second HLS client, decodes the first segment of every rung through the signed URLs.
            String played = server.get(master.substring(master.indexOf("/watch/"))).body();
            List<String> rungs = played.lines().filter(l -> l.startsWith("/watch/")).toList();
            assertThat(rungs).hasSize(2);
            List<String> decoded = new java.util.ArrayList<>();
            for (String rung : rungs) {
                decoded.add(FilmFixtures.output(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-read_intervals", "%+5",
                        "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=height,nb_read_frames", "-of", "csv=p=0",
                        server.url(rung))).lines().findFirst().orElse("").strip()); // the stream, not its program's copy
            }
            assertThat(decoded).hasSize(2).allMatch(d -> Integer.parseInt(d.split(",")[1]) >= 24, "at least a second of frames decoded");
            assertThat(decoded).extracting(d -> d.split(",")[0]).containsExactlyInAnyOrder("360", "720");

            browser.open(page);
            browser.script(playerScript());
            // Keep only 3 s ahead, so the player asks for each segment as it is needed, as a slow connection would.
            browser.script("window.heights = []; var v = document.createElement('video'); v.id = 'watch'; v.muted = true;"
                    + " document.body.appendChild(v); v.addEventListener('resize', function () { heights.push(v.videoHeight); });"
                    + " window.film = gatefoldFilm(v, arguments[0], { ahead: 3 }); film.quality(0); v.play();", master);
            browser.until(d -> num(browser, "return document.getElementById('watch').currentTime") > 0.5, "the 360p rendition to play");
            assertThat(num(browser, "return document.getElementById('watch').videoHeight")).isEqualTo(360);
            browser.script("film.quality(1);");
            browser.until(d -> num(browser, "return document.getElementById('watch').videoHeight") == 720,
                    "the 720p rendition to take over at the next segment");
            @SuppressWarnings("unchecked")
            List<Number> heights = (List<Number>) browser.script("return heights");
            assertThat(heights.stream().map(Number::intValue).distinct().toList()).containsExactly(360, 720);

            // The subtitles as Chromium's own WebVTT parser reads them, through the viewing's token.
            String viewing = master.replace("/master.m3u8", "/subtitles/en.vtt");
            browser.script("var t = document.createElement('track'); t.kind = 'subtitles'; t.srclang = 'en'; t.src = arguments[0];"
                    + " t.default = true; document.getElementById('watch').appendChild(t);", viewing);
            browser.until(d -> num(browser, "var c = document.getElementById('watch').textTracks[0].cues; return c ? c.length : 0") == 2,
                    "the subtitle cues to load");
            assertThat(browser.script("return document.getElementById('watch').textTracks[0].cues[1].text")).isEqualTo("Still a test card");

            double atRefund = num(browser, "return document.getElementById('watch').currentTime");
            double buffered = num(browser, "var b = document.getElementById('watch').buffered; return b.end(b.length - 1)");
            Reply refund = api.post("/api/purchases/" + bought.path("id").asText() + "/refund", token, null);
            assertThat(refund.status()).as(refund.toString()).isEqualTo(200);
            browser.until(d -> browser.script("return film.state.error"), "the next segment to be refused");
            assertThat(String.valueOf(browser.script("return film.state.error"))).contains("403");
            double stopped = stoppedAt(browser);
            assertThat(stopped).as("played after the refund beyond what was buffered").isLessThanOrEqualTo(buffered + 0.25);
            assertThat(stopped - atRefund).as("seconds played after the refund").isLessThanOrEqualTo(6.5);
            assertThat(stopped).isLessThan(19);
        }
    }

    /** Where playback comes to rest: the position once it has not moved for 1.5 s. */
    private static double stoppedAt(Browser browser) throws InterruptedException {
        double last = -1;
        for (int i = 0; i < 80; i++) {
            double now = num(browser, "return document.getElementById('watch').currentTime");
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(1500);
        }
        throw new AssertionError("the film kept playing after the refund");
    }

    private static double num(Browser browser, String script) {
        Object value = browser.script(script);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The MSE player the film tests use, run in the store's own page. */
    private static String playerScript() throws Exception {
        try (InputStream in = FilmFixtures.class.getResourceAsStream("film-player.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
