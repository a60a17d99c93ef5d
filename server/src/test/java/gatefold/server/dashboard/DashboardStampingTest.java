package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;

/** A book release's stamping on the dashboard: each file's state, a refused file's reason, and the form. */
class DashboardStampingTest {

    @Test
    void theReleasePageSaysWhichFilesAreStampedWhyOneCannotBeAndTheFormTurnsItOff() throws Exception {
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Stamp Writer", "stamp-writer@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Nights", "kind", "book", "pricing", "fixed", "price", "4.00"));
            String good = put(api, token, release, "nights.pdf", pdf(null));
            String locked = put(api, token, release, "locked.pdf", pdf("reader-secret"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get("/api/releases/" + release + "/stamping",
                    token).json().path("files").findValuesAsText("status")).containsExactly("ready", "failed"));

            DashboardBrowser browser = new DashboardBrowser(server);
            assertThat(browser.signIn("stamp-writer@example.com", "correct horse battery").statusCode()).isEqualTo(303);
            String path = "/dashboard/releases/" + release;
            String page = browser.get(path).body();
            assertThat(page).contains("Stamped with the buyer").contains("Ready").contains("Cannot be stamped: ")
                    .contains("password");
            assertThat(browser.post(path + "/publish", Map.of("csrf", DashboardBrowser.csrfOf(page))).body()).contains("locked.pdf");

            HttpResponse<String> saved = browser.post(path + "/stamping", List.of(Map.entry("csrf", DashboardBrowser.csrfOf(page)),
                    Map.entry("wording", "Sold to EMAIL"), Map.entry("file", good), Map.entry("file", locked),
                    Map.entry("stamped", good)));
            assertThat(saved.statusCode()).isEqualTo(303);
            var stamping = api.get("/api/releases/" + release + "/stamping", token).json();
            assertThat(stamping.path("wording").asText()).isEqualTo("Sold to EMAIL");
            assertThat(stamping.path("files").findValuesAsText("status")).containsExactly("ready", "off");
            assertThat(browser.get(path).body()).contains("Not stamped: buyers get the file as uploaded").contains("Sold to EMAIL");
        }
    }

    private static String put(ApiClient api, String token, String release, String name, byte[] bytes) {
        ApiClient.Reply put = api.put("/api/releases/" + release + "/files/" + name, token, HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(put.status()).as(put.body()).isEqualTo(201);
        return put.text("id");
    }

    private static byte[] pdf(String userPassword) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.addPage(new PDPage());
            doc.addPage(new PDPage());
            if (userPassword != null) {
                doc.protect(new StandardProtectionPolicy("owner-secret", userPassword, new AccessPermission()));
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
