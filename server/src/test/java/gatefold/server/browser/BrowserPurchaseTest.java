package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures;
import gatefold.server.embed.EmbedFixtures.Published;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/** A fan in a real browser: release page, test payment, receipt, download; the bytes are the artist's. */
class BrowserPurchaseTest {

    @Test
    void aFanBuysFromTheReleasePageWithTestPaymentsAndDownloadsTheExactFile() throws Exception {
        Browser.requireAvailable();
        try (TestServer server = BrowserServers.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Browser Band", "browser-band@example.com").token();
            Published r = EmbedFixtures.publish(api, token, Map.of("title", "Night Drive", "kind", "other",
                    "pricing", "fixed", "price", "6.00", "description", "Recorded *live* in one take."), true);

            browser.open(server.url("/")).waitForText("Night Drive");
            browser.screenshot("store-home");
            browser.open(r.url()).waitForText("Night Drive");
            assertThat(browser.text()).contains("6.00");
            browser.screenshot("store-release");
            browser.type("input#email", "fan@example.com");
            if (!browser.all("input[name=provider][value=test]").isEmpty()) {
                browser.find("input[name=provider][value=test]").click();
            }
            browser.find("form[action*='/checkout/'] button[type=submit]").click();

            browser.waitForText("TEST MODE");
            browser.screenshot("checkout-test-payment");
            browser.find("form button[type=submit]").click();

            browser.waitForUrl("/receipts/");
            WebElement link = browser.find("a[href*='/d/']");
            assertThat(link.getText()).contains(r.fileName());
            browser.screenshot("receipt");

            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.bytes()));
            assertThat(browser.sha256Of(link.getAttribute("href"))).isEqualTo(expected);

            browser.open(server.url("/library")).waitForText("email");
            browser.screenshot("library");
        }
    }
}
