package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.storefront.MusicShop;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Formats in a real browser: the release page shows them with the album's size, the fan picks
 * MP3 320 on the receipt and the album zip in it downloads, the receipt then lists MP3 320
 * first, and the artist sees the release's sound and formats on the dashboard.
 */
class BrowserFormatsTest {

    @Test
    void aFanPicksAFormatOnTheReceiptAndTheAlbumDownloadsInIt() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        try (TestServer server = BrowserServers.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2")); Browser browser = Browser.start()) {
            MusicShop shop = new MusicShop(server);
            MusicShop.Artist artist = shop.artist("Låga Vågor");
            MusicShop.Album album = shop.album(artist, "Norrsken", List.of("mp3-320", "flac"));
            shop.formatsWhenReady(album, "mp3-320", "flac");
            Path downloads = Files.createTempDirectory("gatefold-downloads");
            ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                    Map.of("behavior", "allow", "downloadPath", downloads.toString()));

            browser.open(server.url(album.page())).waitForText("Formats");
            assertThat(browser.text()).containsPattern("FLAC · [0-9.]+ kB").containsPattern("MP3 320 · [0-9.]+ kB");
            browser.script("document.querySelector('ul.offered').scrollIntoView()");
            browser.screenshot("formats-release-page");
            browser.type("input#email", "listener@example.com");
            browser.find("form[action*='/checkout/'] button[type=submit]").click();
            browser.waitForUrl("/receipts/");
            String receipt = browser.url();
            assertThat(browser.all("form.albums button").get(0).getAttribute("value")).isEqualTo("flac");
            browser.screenshot("formats-receipt");

            browser.find("form.albums button[value='mp3-320']").click();
            Path zip = await().atMost(Duration.ofSeconds(20)).until(() -> finished(downloads), Optional::isPresent).orElseThrow();
            assertThat(zip.getFileName().toString()).isEqualTo("Låga Vågor - Norrsken (MP3 320).zip");
            assertThat(MusicShop.entries(Files.readAllBytes(zip))).startsWith("01 First Light.mp3", "02 Ljus.mp3");

            browser.open(receipt).waitForText("Track by track");
            assertThat(browser.all("form.albums button").get(0).getAttribute("value")).isEqualTo("mp3-320");
            assertThat(browser.find("ul.files a[download]").getText()).isEqualTo("01 First Light.mp3");
            browser.screenshot("formats-receipt-after-choosing");

            browser.open(server.url("/dashboard/signin"));
            browser.type("#email", artist.email()).type("#password", "correct horse battery");
            browser.click("form.signin button[type=submit]");
            browser.waitForUrl("/dashboard");
            browser.open(server.url("/dashboard/releases/" + album.id())).waitForText("Sound and formats");
            assertThat(browser.text()).contains("WAV, 16-bit, 44.1 kHz, stereo, 0:02").contains("Ready");
            browser.script("document.getElementById('formats').scrollIntoView()");
            browser.screenshot("formats-dashboard");
            browser.script("document.getElementById('format-states').scrollIntoView()");
            browser.screenshot("formats-dashboard-states");
        }
    }

    /** The one download that has finished (Chromium writes to a .crdownload file until then). */
    static Optional<Path> finished(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            return all.size() == 1 && all.get(0).toString().endsWith(".zip") ? Optional.of(all.get(0)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
