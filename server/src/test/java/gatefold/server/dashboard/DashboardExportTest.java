package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** "Export everything" in the dashboard: one button, a page that refreshes itself while it is made, then the link. */
class DashboardExportTest {

    @Test
    void theButtonStartsAnExportAndThePageShowsItsLinkWhenReady() throws Exception {
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"))) {
            TestShop shop = new TestShop(server);
            TestShop.Seller seller = shop.artist("Leaving Band");
            TestShop.Published release = shop.release(seller, "Last Single", "fixed");
            DashboardBrowser browser = new DashboardBrowser(server);
            assertThat(browser.signIn(seller.email(), "correct horse battery").statusCode()).isEqualTo(303);
            assertThat(browser.get("/dashboard/moving").body()).contains("Export everything").doesNotContain("http-equiv=\"refresh\"");

            HttpResponse<String> asked = browser.submit("/dashboard/moving", "/dashboard/moving/export", Map.of());
            assertThat(asked.statusCode()).isEqualTo(303);
            assertThat(asked.headers().firstValue("Location")).hasValue("/dashboard/moving");
            HttpResponse<String> page = browser.get("/dashboard/moving");
            assertThat(page.body()).satisfiesAnyOf(
                    body -> assertThat(body).contains("<progress").contains("http-equiv=\"refresh\""),
                    body -> assertThat(body).contains("Your export is ready"));

            await().atMost(Duration.ofSeconds(60)).until(() -> browser.get("/dashboard/moving").body().contains("Your export is ready"));
            String ready = browser.get("/dashboard/moving").body();
            assertThat(ready).contains("Make a fresh export").doesNotContain("http-equiv=\"refresh\"");
            Matcher link = Pattern.compile("href=\"(http://[^\"]+/exports/[^\"]+)\"").matcher(ready);
            assertThat(link.find()).as(ready).isTrue();
            HttpResponse<byte[]> archive = server.client().send(HttpRequest.newBuilder(URI.create(link.group(1))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(archive.statusCode()).isEqualTo(200);
            assertThat(archive.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-tar"));
            assertThat(new String(archive.body(), java.nio.charset.StandardCharsets.ISO_8859_1)).contains(release.id());
        }
    }
}
