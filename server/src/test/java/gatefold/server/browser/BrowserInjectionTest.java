package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures;
import gatefold.server.embed.EmbedFixtures.Published;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An artist's title and description full of script and HTML: every page a fan reaches, the
 * embed card and checkout, and the oEmbed answer show it as text and run none of it.
 */
class BrowserInjectionTest {

    static final String TITLE = "<script>window.pwned=1</script><img src=x onerror=window.pwned=2>\"'";
    static final String DESCRIPTION = "<script>window.pwned=3</script>\n\n<img src=x onerror=\"window.pwned=4\">"
            + " [click me](javascript:window.pwned=5) <iframe src=\"javascript:parent.pwned=6\"></iframe> **bold**";

    static void assertInert(Browser browser, String page, boolean showsTitle) {
        browser.find("body");
        assertThat(browser.script("return typeof window.pwned")).as(page).isEqualTo("undefined");
        assertThat(browser.script("return document.querySelectorAll('img[src=\"x\"], iframe[src^=\"javascript\"]').length"))
                .as(page).isEqualTo(0L);
        assertThat(browser.script("return document.querySelectorAll('a[href^=\"javascript\"]').length")).as(page).isEqualTo(0L);
        assertThat(browser.script("return Array.from(document.scripts).filter(function (s) {"
                + " return s.textContent.indexOf('pwned') >= 0; }).length")).as(page).isEqualTo(0L);
        if (showsTitle) {
            assertThat(browser.text()).as(page).contains("<script>window.pwned=1</script>");
        }
        browser.screenshot("inert-" + page);
    }

    @Test
    void scriptAndHtmlInATitleAndDescriptionStayInertOnEveryPageAFanReaches() {
        Browser.requireAvailable();
        try (TestServer server = BrowserServers.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("<b>Bold</b> Artist", "inject@example.com").token();
            Published r = EmbedFixtures.publish(api, token, Map.of("title", TITLE, "kind", "other",
                    "pricing", "fixed", "price", "4.00", "description", DESCRIPTION), true);
            String card = "/embed/r/" + r.artistSlug() + "/" + r.slug();

            browser.open(r.url());
            assertInert(browser, "release", true);
            browser.open(server.url(card));
            assertInert(browser, "embed-card", true);
            browser.open(server.url(card + "?size=compact"));
            assertInert(browser, "embed-card-compact", true);
            browser.open(server.url("/checkout/" + r.id()));
            assertInert(browser, "checkout", true);

            browser.open(server.url("/embed/checkout/" + r.id() + "?origin=" + URLEncoder.encode("http://127.0.0.1:1", StandardCharsets.UTF_8)));
            assertInert(browser, "embed-checkout", true);
            browser.type("input#email", "fan@example.com");
            browser.find("button.buy").click();
            browser.waitForText("TEST MODE");
            assertInert(browser, "embed-test-payment", true);
            browser.find("button.buy").click();
            browser.waitForText("Thank you");
            assertInert(browser, "embed-receipt", true);

            JsonNode oembed = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/oembed?url="
                    + URLEncoder.encode(r.url(), StandardCharsets.UTF_8))))).json();
            assertThat(oembed.path("title").asText()).isEqualTo(TITLE);
            String html = oembed.path("html").asText();
            assertThat(html).startsWith("<iframe ").endsWith("></iframe>").doesNotContain("<script").doesNotContain("<img")
                    .contains("&lt;script&gt;window.pwned=1&lt;/script&gt;&lt;img src=x onerror=window.pwned=2&gt;&quot;&#39;");
            try (HostPage host = HostPage.serving("<!doctype html><html><head><title>Blog</title></head><body>"
                    + "<h1>A blog post with the release pasted in</h1>" + html + "</body></html>")) {
                browser.open(host.url());
                assertThat(browser.all("iframe")).hasSize(1);
                assertInert(browser, "oembed-on-a-blog", false);
                browser.enterFrame("iframe");
                browser.waitForText("4.00");
                assertInert(browser, "oembed-card-in-frame", true);
                browser.leaveFrame();
            }
        }
    }
}
