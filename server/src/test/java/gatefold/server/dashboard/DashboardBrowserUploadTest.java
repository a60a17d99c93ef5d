package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.browser.Browser;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An artist in a real browser: signs in, creates a release, uploads a 20 MB file with the progress
 * shown, reloads the page halfway, picks the file again, the upload resumes from the parts the
 * server already has, and the release is published.
 */
class DashboardBrowserUploadTest {

    /** Lets the first part through and holds the rest, as a slow connection would, so a reload lands halfway. */
    private static final String HOLD_ALL_BUT_ONE_PART = """
            var send = XMLHttpRequest.prototype.send;
            var started = 0;
            XMLHttpRequest.prototype.send = function (body) {
              if (started++ < 1) { return send.call(this, body); }
            };""";

    @Test
    void anArtistUploadsALargeFileReloadsHalfwayResumesAndPublishes() throws Exception {
        Browser.requireAvailable();
        Path master = Files.createTempFile("gatefold-master", ".pdf");
        byte[] chunk = new byte[1 << 20];
        new Random(7).nextBytes(chunk);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (OutputStream out = Files.newOutputStream(master)) {
            byte[] head = "%PDF-1.4\n".getBytes();
            out.write(head);
            sha.update(head);
            for (int i = 0; i < 20; i++) {
                out.write(chunk);
                sha.update(chunk);
            }
        }
        long size = Files.size(master);
        String expectedSha = HexFormat.of().formatHex(sha.digest());
        try (TestServer server = TestServer.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            ApiClient.NewArtist artist = api.newArtist("Ink And Paper", "ink@example.com");

            // The artist uses the store's public address; part uploads go to that same origin.
            browser.open(server.gatefold.publicUrl() + "/dashboard");
            browser.waitForUrl("/dashboard/signin");
            browser.type("#email", "ink@example.com").type("#password", "correct horse battery");
            browser.click("form.signin button[type=submit]");
            browser.waitForText("Releases");
            browser.screenshot("dashboard-releases");

            browser.click("a[href='/dashboard/releases/new']");
            browser.type("#title", "Field Notes");
            browser.script("document.getElementById('kind').value = 'other';"
                    + "document.getElementById('pricing').value = 'free';");
            browser.click("form.release-form button[type=submit]");
            browser.find("[data-uploads]");
            String releaseUrl = browser.url();
            String releaseId = releaseUrl.substring(releaseUrl.lastIndexOf('/') + 1);

            browser.script(HOLD_ALL_BUT_ONE_PART);
            browser.find("input[data-files]").sendKeys(master.toString());
            browser.until(d -> "1".equals(browser.find("li.upload").getAttribute("data-parts-done")) ? Boolean.TRUE : null,
                    "the first part to arrive");
            int percent = Integer.parseInt(browser.find("li.upload").getAttribute("data-percent"));
            assertThat(percent).isBetween(1, 99);
            assertThat(browser.find("li.upload progress").getAttribute("value")).isNotEqualTo("0");
            browser.script("document.querySelector('li.upload').scrollIntoView({block: 'center'});");
            browser.screenshot("dashboard-upload-in-progress");

            browser.open(releaseUrl);
            browser.waitForText("Unfinished: " + master.getFileName());
            browser.find("input[data-files]").sendKeys(master.toString());
            browser.until(d -> "true".equals(browser.find("li.upload").getAttribute("data-done")) ? Boolean.TRUE : null,
                    "the upload to finish");
            assertThat(browser.find("li.upload").getAttribute("data-resumed")).isEqualTo("true");
            assertThat(browser.script("return Object.keys(localStorage).filter(function (k) {"
                    + " return k.indexOf('gatefold.upload:') === 0; }).length")).isEqualTo(0L);

            browser.open(releaseUrl);
            browser.waitForText(master.getFileName().toString());
            browser.click("form[action$='/publish'] button");
            browser.waitForText("Unpublish");
            browser.screenshot("dashboard-release-published");

            ApiClient.Reply release = api.get("/api/releases/" + releaseId, artist.token());
            assertThat(release.text("status")).isEqualTo("published");
            assertThat(release.json().path("files").get(0).path("size").asLong()).isEqualTo(size);
            String fileId = release.json().path("files").get(0).path("id").asText();
            browser.until(d -> expectedSha.equals(api.get("/api/releases/" + releaseId + "/files/" + fileId, artist.token())
                    .text("sha256")) ? Boolean.TRUE : null, "the stored file to match the original byte for byte");
        } finally {
            deleteQuietly(master);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temp file left behind is harmless
        }
    }
}
