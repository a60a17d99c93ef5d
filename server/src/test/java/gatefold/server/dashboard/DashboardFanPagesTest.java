package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** /dashboard/fans without JavaScript: a fan's data downloads, erasing needs the tick, and only the artist's own fans. */
class DashboardFanPagesTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);

    @Test
    void anArtistDownloadsAndErasesTheirOwnFansDataFromThePage() {
        TestShop.Seller seller = shop.artist("Fan Page Band");
        TestShop.Seller other = shop.artist("Other Page Band");
        TestShop.Published release = shop.release(seller, "Page Single", "fixed");
        shop.buyWithTestPayment(release.id(), "page.fan@example.com");
        DashboardBrowser browser = new DashboardBrowser(server);
        assertThat(browser.signIn(seller.email(), "correct horse battery").statusCode()).isEqualTo(303);
        HttpResponse<String> page = browser.get("/dashboard/fans");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("each of your 1 buyers").contains("action=\"/dashboard/fans/erase\"");

        HttpResponse<String> data = browser.submit("/dashboard/fans", "/dashboard/fans/data", Map.of("email", "page.fan@example.com"));
        assertThat(data.statusCode()).isEqualTo(200);
        assertThat(data.headers().firstValue("Content-Disposition").orElse("")).contains("fan-data.json");
        assertThat(data.body()).contains("\"purchases\":[{").contains(release.id());

        HttpResponse<String> unticked = browser.submit("/dashboard/fans", "/dashboard/fans/erase", Map.of("email", "page.fan@example.com"));
        assertThat(unticked.statusCode()).isEqualTo(422);
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE email = 'page.fan@example.com'")).isEqualTo(1);

        DashboardBrowser stranger = new DashboardBrowser(server);
        assertThat(stranger.signIn(other.email(), "correct horse battery").statusCode()).isEqualTo(303);
        assertThat(stranger.submit("/dashboard/fans", "/dashboard/fans/erase", Map.of("email", "page.fan@example.com", "asked", "yes"))
                .statusCode()).isEqualTo(404);
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE email = 'page.fan@example.com'")).isEqualTo(1);

        HttpResponse<String> erased = browser.submit("/dashboard/fans", "/dashboard/fans/erase",
                Map.of("email", "page.fan@example.com", "asked", "yes"));
        assertThat(erased.statusCode()).isEqualTo(200);
        assertThat(erased.body()).contains("Erased: 1 purchase(s)");
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE email = 'page.fan@example.com'")).isZero();
        assertThat(shop.count("SELECT COUNT(*) FROM do_not_mail")).isGreaterThanOrEqualTo(1);
    }
}
