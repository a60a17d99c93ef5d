package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bought film in Chromium, on the store's own origin: the signed HLS playlist plays in a plain
 * {@code <video>} (the browser's own HLS), the single-MP4 rendition plays where HLS is not
 * offered, and the public trailer plays on the release page.
 */
class BrowserFilmTest {

    @Test
    void aBuyerWatchesTheFilmThroughHlsAndTheSingleFileAndAVisitorTheTrailer() throws Exception {
        Browser.requireAvailable();
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        try (TestServer server = BrowserServers.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2")); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Projector", "projector@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Reel", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "9.00", "currency", "EUR")));
            Reply put = api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.film360()));
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            String page = api.post("/api/releases/" + release + "/publish", token, null).text("url");
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !api.get("/api/releases/" + release + "/film", token).json().path("stream").isNull());
            JsonNode bought = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com")).json();
            String master = bought.path("streams").get(0).path("url").asText();

            browser.open(page);
            browser.visible("video.film");
            assertThat(browser.script("return document.querySelector('video.film').paused")).isEqualTo(true);
            playsIn(browser, master, "the HLS playlist");
            playsIn(browser, master.replace("master.m3u8", "progressive/film.mp4"), "the single-file rendition");
            browser.script("var v = document.querySelector('video.film'); v.muted = true; v.play();");
            browser.until(d -> (Boolean) browser.script("return document.querySelector('video.film').currentTime > 1 || null"),
                    "the trailer to play");
            browser.screenshot("film-release-page");
        }
    }

    /** Puts a muted video of {@code src} into the page and waits until a second of it has played. */
    private static void playsIn(Browser browser, String src, String what) {
        browser.script("var v = document.createElement('video'); v.id = 'watch'; v.muted = true; v.playsInline = true;"
                + " v.src = arguments[0]; var old = document.getElementById('watch'); if (old) { old.remove(); }"
                + " document.body.appendChild(v); v.play();", src);
        browser.until(d -> (Boolean) browser.script("var v = document.getElementById('watch');"
                + " return (v.currentTime > 1 && v.videoHeight === 360) || null"), what + " to play");
    }
}
