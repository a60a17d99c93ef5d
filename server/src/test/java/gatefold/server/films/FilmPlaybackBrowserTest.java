package gatefold.server.films;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.OsTool;
import gatefold.server.browser.Browser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The player decision, checked in Chromium: a packaged film plays through Media Source Extensions
 * with a small script of our own and switches rendition at a segment boundary; Chromium 156 (Debian's)
 * also plays the master playlist in a plain {@code <video>} by itself; and the same rendition copied
 * into one faststart MP4 plays and seeks in a plain {@code <video>}.
 */
class FilmPlaybackBrowserTest {

    private static Path site;
    private static StaticFiles server;
    private static Browser browser;

    @BeforeAll
    static void serveThePackagedFilm() throws IOException {
        OsTool.requireAll(OsTool.CHROMIUM, OsTool.CHROMEDRIVER);
        PackedFilm packed = FilmFixtures.packed720();
        site = FilmFixtures.freshDir("site");
        Files.createSymbolicLink(site.resolve("film"), packed.outDir());
        try (InputStream script = FilmPlaybackBrowserTest.class.getResourceAsStream("film-player.js")) {
            Files.write(site.resolve("player.js"), script.readAllBytes());
        }
        new ProgressiveRendition(FilmFixtures.ffmpeg()).copy(packed.outDir().resolve("720p"), site.resolve("720p.mp4"), Duration.ofMinutes(1));
        Files.writeString(site.resolve("mse.html"), """
                <!doctype html><video id="v" muted playsinline></video>
                <script src="/player.js"></script>
                <script>
                  window.heights = [];
                  var v = document.getElementById('v');
                  v.addEventListener('resize', function () { heights.push(v.videoHeight); });
                  window.film = gatefoldFilm(v, '/film/master.m3u8', { ahead: 10 });
                  film.quality(0);
                </script>""");
        Files.writeString(site.resolve("progressive.html"), """
                <!doctype html><video id="v" muted playsinline preload="metadata" src="/720p.mp4"></video>""");
        Files.writeString(site.resolve("native.html"), """
                <!doctype html><video id="v" muted playsinline src="/film/master.m3u8"></video>""");
        server = StaticFiles.serve(site);
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void chromiumPlaysTheHlsRenditionsThroughMediaSourceAndSwitchesQuality() {
        browser.open(server.url("mse.html"));
        await(() -> num("return film.state.next") >= 2 || !"null".equals(str("return String(film.state.error)")), "two 360p segments buffered");
        assertThat(str("return String(film.state.error)")).isEqualTo("null");
        browser.script("film.quality(1); var v = document.getElementById('v'); v.playbackRate = 2; v.play();");
        await(() -> num("return document.getElementById('v').currentTime") > 13.5, "playback past the switch at 12 s");
        @SuppressWarnings("unchecked")
        List<Number> heights = (List<Number>) browser.script("return heights");
        assertThat(heights.stream().map(Number::intValue).distinct().toList()).containsExactly(360, 720);
        assertThat(str("return String(film.state.error)")).isEqualTo("null");
        System.out.println("chromium: canPlayType(HLS) = '" + str("return document.createElement('video').canPlayType('application/vnd.apple.mpegurl')")
                + "', MSE avc1.42c01f+mp4a = " + browser.script("return MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.42c01f,mp4a.40.2\"')")
                + ", MSE avc1.640028 = " + browser.script("return MediaSource.isTypeSupported('video/mp4; codecs=\"avc1.640028,mp4a.40.2\"')"));
    }

    @Test
    void chromiumPlaysAndSeeksAProgressiveRenditionWithoutAScript() {
        browser.open(server.url("progressive.html"));
        browser.script("var v = document.getElementById('v'); v.play();");
        await(() -> num("return document.getElementById('v').currentTime") > 1, "the MP4 to play");
        browser.script("document.getElementById('v').currentTime = 15;");
        await(() -> num("return document.getElementById('v').currentTime") > 15.5, "playback after seeking to 15 s");
        assertThat(num("return document.getElementById('v').videoHeight")).isEqualTo(720);
    }

    @Test
    void chromiumPlaysTheMasterPlaylistItselfWithoutAScript() {
        browser.open(server.url("native.html"));
        browser.script("var v = document.getElementById('v'); v.playbackRate = 2; v.play();");
        await(() -> num("return document.getElementById('v').currentTime") > 7, "native HLS playback past the first segment");
        assertThat(str("var v = document.getElementById('v'); return v.error ? v.error.message : 'none'")).isEqualTo("none");
        assertThat(num("return document.getElementById('v').videoHeight")).isIn(360.0, 720.0);
    }

    private static double num(String script) {
        Object value = browser.script(script);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static String str(String script) {
        return String.valueOf(browser.script(script));
    }

    private static void await(Supplier<Boolean> condition, String what) {
        long end = System.nanoTime() + Duration.ofSeconds(45).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > end) {
                browser.screenshot("film-" + what.replace(' ', '-'));
                throw new AssertionError("waited 45 s for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
