package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.browser.Browser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An artist pauses an upload part-way with the Pause button, resumes it, and the file arrives whole. */
class DashboardPauseResumeTest {

    /**
     * Holds every part after the first, as a slow line would, until the test lets them go; an
     * aborted held part reports its abort the way a real one in flight does.
     */
    private static final String SLOW_LINE = """
            window.gatefoldHold = true;
            var send = XMLHttpRequest.prototype.send, abort = XMLHttpRequest.prototype.abort, started = 0;
            XMLHttpRequest.prototype.send = function (body) {
              if (started++ < 1 || !window.gatefoldHold) { this.gatefoldSent = true; return send.call(this, body); }
              this.gatefoldHeld = true;
            };
            XMLHttpRequest.prototype.abort = function () {
              if (this.gatefoldHeld && !this.gatefoldSent) {
                this.gatefoldHeld = false;
                if (this.onabort) { this.onabort(new ProgressEvent('abort')); }
                return;
              }
              return abort.call(this);
            };""";

    @Test
    void pauseStopsTheUploadAndResumeFinishesIt() throws Exception {
        Browser.requireAvailable();
        Path master = DashboardDropToS3Test.pdf("gatefold-pause", 30);
        try (TestServer server = TestServer.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            ApiClient.NewArtist artist = api.newArtist("Pause Button", "pause@example.com");
            String releaseId = api.newRelease(artist.token(), Map.of("title", "Paused", "kind", "book", "pricing", "free"));

            browser.open(server.gatefold.publicUrl() + "/dashboard");
            browser.waitForUrl("/dashboard/signin");
            browser.type("#email", "pause@example.com").type("#password", "correct horse battery");
            browser.click("form.signin button[type=submit]");
            browser.waitForText("Releases");
            browser.open(server.gatefold.publicUrl() + "/dashboard/releases/" + releaseId);

            browser.script(SLOW_LINE);
            browser.find("input[data-files]").sendKeys(master.toString());
            browser.until(d -> "1".equals(browser.find("li.upload").getAttribute("data-parts-done")) ? Boolean.TRUE : null,
                    "the first part to arrive");

            browser.click("li.upload button");
            browser.until(d -> "true".equals(browser.find("li.upload").getAttribute("data-paused")) ? Boolean.TRUE : null,
                    "the upload to pause");
            assertThat(browser.find("li.upload").getText()).contains("Paused at").contains("Resume");
            Thread.sleep(500);
            assertThat(browser.find("li.upload").getAttribute("data-parts-done")).isEqualTo("1");
            assertThat(browser.find("li.upload").getAttribute("data-done")).isNotEqualTo("true");
            browser.screenshot("dashboard-upload-paused");

            browser.script("window.gatefoldHold = false;");
            browser.click("li.upload button");
            browser.until(d -> "true".equals(browser.find("li.upload").getAttribute("data-done")) ? Boolean.TRUE : null,
                    "the resumed upload to finish");

            ApiClient.Reply release = api.get("/api/releases/" + releaseId, artist.token());
            String fileId = release.json().path("files").get(0).path("id").asText();
            String expected = DashboardDropToS3Test.sha256(master);
            browser.until(d -> expected.equals(api.get("/api/releases/" + releaseId + "/files/" + fileId, artist.token())
                    .text("sha256")) ? Boolean.TRUE : null, "the stored file to match the original byte for byte");
        } finally {
            Files.deleteIfExists(master);
        }
    }
}
