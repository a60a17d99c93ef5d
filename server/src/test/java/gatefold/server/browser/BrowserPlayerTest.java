package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The player in Chromium: nothing plays until asked; "Play all", pressed from the keyboard, plays
 * the first preview, which ends at its clip's length, and the next track starts by itself; the
 * embed card plays the same previews.
 */
class BrowserPlayerTest {

    @Test
    void previewsPlayInTheReleasePageAndTheEmbedOneAfterAnother() throws Exception {
        Browser.requireAvailable();
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        Path dir = Files.createTempDirectory("gatefold-player");
        sine(dir.resolve("long.flac"), 20, 330);
        sine(dir.resolve("short.flac"), 3, 550);
        try (TestServer server = BrowserServers.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2")); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            ApiClient.NewArtist artist = api.newArtist("Player Piano", "player@example.com");
            String release = api.newRelease(artist.token(), Map.of("title", "Rolls", "kind", "music", "pricing", "free",
                    "formats", List.of("original")));
            String longTrack = upload(api, artist.token(), release, "01 Long.flac", dir.resolve("long.flac"));
            upload(api, artist.token(), release, "02 Short.flac", dir.resolve("short.flac"));
            Reply clip = api.send("PUT", "/api/releases/" + release + "/tracks/" + longTrack + "/preview", artist.token(),
                    Map.of("mode", "clip", "start", 5, "length", 4));
            assertThat(clip.status()).as(clip.toString()).isEqualTo(200);
            String slug = api.post("/api/releases/" + release + "/publish", artist.token(), null).text("slug");
            String page = "/r/" + artist.slug() + "/" + slug;
            HttpClient http = HttpClient.newHttpClient();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    count(http.send(HttpRequest.newBuilder(URI.create(server.url(page))).build(),
                            HttpResponse.BodyHandlers.ofString()).body(), "<audio") == 2);

            browser.open(server.url(page));
            browser.visible("[data-play-all]");
            assertThat(browser.script("return Array.from(document.querySelectorAll('audio')).every(a => a.paused)")).isEqualTo(true);
            browser.find("[data-play-all]").sendKeys(Keys.ENTER);
            browser.until(d -> (Boolean) browser.script("return document.querySelectorAll('audio')[0].currentTime > 0.5 || null"),
                    "the first preview to play");
            assertThat(browser.script("return document.querySelectorAll('[data-track]')[0].getAttribute('aria-current')"))
                    .isEqualTo("true");
            browser.until(d -> (Boolean) browser.script("return document.querySelectorAll('audio')[1].currentTime > 0.3 || null"),
                    "the next track to start by itself");
            double clipLength = ((Number) browser.script("return document.querySelectorAll('audio')[0].duration")).doubleValue();
            assertThat(clipLength).isBetween(3.8, 4.3);
            assertThat(browser.script("return document.querySelectorAll('audio')[0].ended")).isEqualTo(true);
            browser.screenshot("player-release-page");

            browser.open(server.url("/embed/r/" + artist.slug() + "/" + slug));
            browser.visible("[data-play-all]").click();
            browser.until(d -> (Boolean) browser.script("return document.querySelectorAll('audio')[0].currentTime > 0.5 || null"),
                    "the embed's first preview to play");
            browser.screenshot("player-embed");
        }
    }

    static int count(String html, String what) {
        return html.split(what, -1).length - 1;
    }

    static String upload(ApiClient api, String token, String release, String name, Path file) throws Exception {
        Reply put = api.put("/api/releases/" + release + "/files/" + ApiClient.enc(name), token, HttpRequest.BodyPublishers.ofFile(file));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return put.text("id");
    }

    static void sine(Path out, int seconds, int hz) throws Exception {
        Process p = new ProcessBuilder(OsTool.FFMPEG.require().toString(), "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=" + hz + ":sample_rate=44100:duration=" + seconds, "-ac", "2", "-c:a", "flac", out.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
    }
}
