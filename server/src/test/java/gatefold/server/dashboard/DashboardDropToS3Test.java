package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.browser.Browser;
import gatefold.storage.S3ProxyServer;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * With the store on S3, an artist drops two files onto the dashboard's drop zone: each gets
 * its own progress bar, the parts go from the browser straight to the bucket, and the files
 * arrive byte for byte.
 */
class DashboardDropToS3Test {

    @Test
    void filesDroppedOnTheDropZoneGoStraightToS3() throws Exception {
        Browser.requireAvailable();
        Path first = pdf("gatefold-drop-one", 9);
        Path second = pdf("gatefold-drop-two", 3);
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey()));
             Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            ApiClient.NewArtist artist = api.newArtist("Drop Zone", "drop@example.com");
            String releaseId = api.newRelease(artist.token(), Map.of("title", "Dropped", "kind", "book", "pricing", "free"));

            browser.open(server.gatefold.publicUrl() + "/dashboard");
            browser.waitForUrl("/dashboard/signin");
            browser.type("#email", "drop@example.com").type("#password", "correct horse battery");
            browser.click("form.signin button[type=submit]");
            browser.waitForText("Releases");
            browser.open(server.gatefold.publicUrl() + "/dashboard/releases/" + releaseId);
            browser.find("[data-drop]");

            // A file picked outside the page, then dropped: the same DataTransfer a real drag carries.
            browser.script("var f = document.createElement('input'); f.type = 'file'; f.multiple = true; f.id = 'drag-source';"
                    + "document.body.appendChild(f);");
            browser.find("#drag-source").sendKeys(first + "\n" + second);
            browser.script("var dt = new DataTransfer();"
                    + "Array.prototype.forEach.call(document.getElementById('drag-source').files, function (f) { dt.items.add(f); });"
                    + "var zone = document.querySelector('[data-drop]');"
                    + "zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: dt, bubbles: true, cancelable: true}));"
                    + "zone.dispatchEvent(new DragEvent('drop', {dataTransfer: dt, bubbles: true, cancelable: true}));");
            browser.until(d -> browser.all("li.upload[data-done='true']").size() == 2 ? Boolean.TRUE : null, "both uploads to finish");
            browser.screenshot("dashboard-dropped-to-s3");

            ApiClient.Reply release = api.get("/api/releases/" + releaseId, artist.token());
            assertThat(release.json().path("files")).hasSize(2);
            for (Path file : new Path[] {first, second}) {
                String expected = sha256(file);
                String fileId = null;
                for (var f : release.json().path("files")) {
                    if (f.path("name").asText().equals(file.getFileName().toString())) {
                        fileId = f.path("id").asText();
                    }
                }
                assertThat(fileId).as(file.getFileName().toString()).isNotNull();
                String id = fileId;
                browser.until(d -> expected.equals(api.get("/api/releases/" + releaseId + "/files/" + id, artist.token()).text("sha256"))
                        ? Boolean.TRUE : null, "the stored file to match " + file.getFileName());
            }
            // The bytes went to S3, not through this server: the bucket holds them.
            assertThat(s3.dataDir().resolve(server.gatefold.config().s3().bucket())).isDirectory();
        } finally {
            Files.deleteIfExists(first);
            Files.deleteIfExists(second);
        }
    }

    static Path pdf(String name, int mib) throws Exception {
        Path file = Files.createTempFile(name, ".pdf");
        byte[] chunk = new byte[1 << 20];
        new Random(mib).nextBytes(chunk);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("%PDF-1.4\n".getBytes());
            for (int i = 0; i < mib; i++) {
                out.write(chunk);
            }
        }
        return file;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
