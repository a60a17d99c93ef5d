package gatefold.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures;
import gatefold.server.embed.EmbedFixtures.Published;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embed card's follow form, in an iframe on another site, under the card's real Content-Security-Policy. */
class BrowserEmbedFollowTest {

    @Test
    void aFanFollowsFromTheCardOnAnotherSiteAndTheAnswerShowsInPlace() {
        Browser.requireAvailable();
        try (TestServer server = BrowserServers.start(); Browser browser = Browser.start()) {
            ApiClient api = new ApiClient(server);
            ApiClient.NewArtist band = api.newArtist("Card Followers", "cardfollow@example.com");
            Published r = EmbedFixtures.publish(api, band.token(), Map.of("title", "Followed", "kind", "other",
                    "pricing", "fixed", "price", "5.00"), false);
            String card = server.gatefold.publicUrl() + "/embed/r/" + r.artistSlug() + "/" + r.slug();
            String page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Band site</title></head><body>"
                    + "<h1>Band site</h1><iframe id=\"card\" src=\"" + card + "\" width=\"360\" height=\"720\"></iframe></body></html>";
            try (HostPage host = HostPage.serving(page)) {
                browser.open(host.url());
                browser.enterFrame("#card");
                browser.waitForText("Followed");
                browser.type("form[data-follow] input[name=email]", "cardfan@example.com");
                browser.click("form[data-follow] button");
                browser.waitForText("a mail is on its way");
                assertThat(browser.driver().getWindowHandles()).hasSize(1);
                browser.leaveFrame();
            }
            JsonNode followers = api.get("/api/followers", band.token()).json();
            assertThat(followers).hasSize(1);
            assertThat(followers.get(0).path("email").asText()).isEqualTo("cardfan@example.com");
            assertThat(followers.get(0).path("source").asText()).isEqualTo("embed");
            assertThat(followers.get(0).path("state").asText()).isEqualTo("pending");
        }
    }
}
