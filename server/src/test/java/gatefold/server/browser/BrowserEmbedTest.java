package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures;
import gatefold.server.embed.EmbedFixtures.Published;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * The artist's own site, on another origin, with Gatefold's script tag and a link: the link
 * becomes a buy button, checkout opens in an overlay, and the site hears about the purchase.
 */
class BrowserEmbedTest {

    static String hostPage(String gatefold, String releaseUrl) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>The band's own site</title></head><body>"
                + "<h1>The band's own site</h1><p>New record out now.</p>"
                + "<p><a id=\"buy\" data-gatefold href=\"" + releaseUrl + "\">Buy the record</a></p>"
                + "<p><a id=\"plain\" href=\"" + releaseUrl + "\">A plain link stays a link</a></p>"
                + "<div id=\"later\"></div><pre id=\"heard\"></pre>"
                + "<script>window.heard = []; window.addEventListener('message', function (e) {"
                + " if (e.origin === location.origin && e.data && e.data.type === 'gatefold:purchase') {"
                + " window.heard.push(e.data); document.getElementById('heard').textContent = JSON.stringify(e.data); } });"
                + " document.addEventListener('gatefold:purchase', function (e) { window.linkEvent = e.detail; });</script>"
                + "<script src=\"" + gatefold + "/embed.js\" async></script>"
                + "</body></html>";
    }

    @Test
    void aBuyButtonOnAnotherSiteOpensCheckoutInAnOverlayAndTellsThePageAboutThePurchase() {
        Browser.requireAvailable();
        try (TestServer server = BrowserServers.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Overlay Orchestra", "overlay@example.com").token();
            Published r = EmbedFixtures.publish(api, token, Map.of("title", "Framed", "kind", "other",
                    "pricing", "fixed", "price", "5.00"), true);
            String gatefold = server.gatefold.publicUrl().toString();
            try (HostPage host = HostPage.serving(hostPage(gatefold, r.url()))) {
                browser.open(host.url());
                browser.until(d -> "".equals(browser.script("return document.getElementById('buy').getAttribute('data-gatefold-ready') === null ? null : ''"))
                        ? Boolean.TRUE : null, "the link to become a buy button");
                assertThat(browser.find("#buy").getAttribute("href")).isEqualTo(r.url());
                assertThat(browser.find("#plain").getAttribute("data-gatefold-ready")).isNull();
                browser.screenshot("embed-host-page");

                browser.script("document.getElementById('later').innerHTML ="
                        + " '<a id=\"later-link\" data-gatefold href=\"" + r.url() + "\">Added later</a>';");
                browser.until(d -> browser.script("return document.getElementById('later-link').getAttribute('data-gatefold-ready')"),
                        "a link added later to become a buy button");

                browser.click("#buy");
                browser.visible("[data-gatefold-overlay] iframe");
                browser.until(d -> browser.script("var o = document.querySelector('[data-gatefold-overlay]');"
                        + " return o && o.contains(document.activeElement) ? true : null"), "focus to move into the overlay");
                assertThat(browser.script("return document.querySelector('[data-gatefold-close]').getAttribute('aria-label')"))
                        .isEqualTo("Close checkout");
                browser.press(Keys.ESCAPE);
                browser.until(d -> browser.all("[data-gatefold-overlay]").isEmpty() ? Boolean.TRUE : null, "Escape to close the overlay");
                assertThat(browser.script("return document.activeElement.id")).isEqualTo("buy");

                browser.click("#buy");
                browser.click("[data-gatefold-close]");
                browser.until(d -> browser.all("[data-gatefold-overlay]").isEmpty() ? Boolean.TRUE : null, "the close button to close it");

                browser.click("#buy");
                browser.enterFrame("[data-gatefold-overlay] iframe");
                browser.waitForText("Framed");
                browser.type("input#email", "fan@example.com");
                browser.leaveFrame().screenshot("embed-overlay-checkout");
                browser.enterFrame("[data-gatefold-overlay] iframe");
                browser.find("button.buy").click();
                browser.waitForText("TEST MODE");
                browser.find("button.buy").click();
                browser.waitForText("Thank you");
                assertThat(browser.find("a[href*='/d/']").getText()).contains(r.fileName());
                browser.leaveFrame();
                browser.screenshot("embed-overlay-receipt");

                Object heard = browser.until(d -> {
                    List<?> messages = (List<?>) browser.script("return window.heard");
                    return messages.isEmpty() ? null : messages;
                }, "the host page to hear about the purchase");
                assertThat((List<?>) heard).hasSize(1);
                assertThat(browser.script("return window.heard[0].type")).isEqualTo("gatefold:purchase");
                assertThat(browser.script("return window.heard[0].release.id")).isEqualTo(r.id());
                assertThat(browser.script("return window.heard[0].release.url")).isEqualTo(r.url());
                assertThat(browser.script("return window.heard[0].purchase.status")).isEqualTo("confirmed");
                assertThat(browser.script("return window.heard[0].purchase.amount.amount")).isEqualTo("5.00");
                assertThat(browser.script("return window.heard[0].purchase.amount.currency")).isEqualTo("EUR");
                assertThat(browser.script("return window.linkEvent.purchase.id"))
                        .isEqualTo(browser.script("return window.heard[0].purchase.id"));

                browser.enterFrame("[data-gatefold-overlay] iframe");
                browser.find("a[href*='/d/']").sendKeys(Keys.ESCAPE);
                browser.leaveFrame();
                browser.until(d -> browser.all("[data-gatefold-overlay]").isEmpty() ? Boolean.TRUE : null,
                        "Escape inside the checkout to close the overlay");
            }
        }
    }
}
