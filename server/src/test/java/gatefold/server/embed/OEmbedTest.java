package gatefold.server.embed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures.Published;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** oEmbed answers for this store's release pages, and only for them. */
class OEmbedTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
    static final ApiClient api = new ApiClient(server);
    static String token;

    @BeforeAll
    static void start() {
        token = api.newArtist("Oembed Ensemble", "oembed@example.com").token();
    }

    static Reply oembed(String query) {
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/oembed?" + query))));
    }

    static String url(String url) {
        return "url=" + URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    @Test
    void aReleasePageGivesARichAnswerWhoseHtmlIsTheCardIframe() {
        Published r = EmbedFixtures.publish(api, token, Map.of("title", "Long Player", "kind", "other", "pricing", "fixed",
                "price", "8.00"), true);
        Reply reply = oembed(url(r.url()));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        assertThat(reply.raw().headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        JsonNode json = reply.json();
        assertThat(json.path("version").asText()).isEqualTo("1.0");
        assertThat(json.path("type").asText()).isEqualTo("rich");
        assertThat(json.path("provider_name").asText()).isEqualTo("Gatefold");
        assertThat(json.path("title").asText()).isEqualTo("Long Player");
        assertThat(json.path("author_name").asText()).isEqualTo("Oembed Ensemble");
        assertThat(json.path("width").asInt()).isEqualTo(OEmbedRoutes.FULL_WIDTH);
        assertThat(json.path("height").asInt()).isEqualTo(OEmbedRoutes.FULL_HEIGHT);
        String base = server.gatefold.publicUrl().toString();
        assertThat(json.path("html").asText()).startsWith("<iframe src=\"" + base + "/embed/r/" + r.artistSlug() + "/" + r.slug() + "\"")
                .contains("width=\"360\"").contains("title=\"Long Player by Oembed Ensemble\"");
        assertThat(json.path("thumbnail_url").asText()).isEqualTo(base + "/embed/cover/" + r.id());

        JsonNode compact = oembed(url(r.url()) + "&maxwidth=300").json();
        assertThat(compact.path("width").asInt()).isEqualTo(300);
        assertThat(compact.path("height").asInt()).isEqualTo(OEmbedRoutes.COMPACT_HEIGHT);
        assertThat(compact.path("html").asText()).contains("?size=compact");
    }

    @Test
    void noThumbnailWithoutACover() {
        Published r = EmbedFixtures.publish(api, token, Map.of("title", "Bare", "kind", "other", "pricing", "free"), false);
        JsonNode json = oembed(url(r.url())).json();
        assertThat(json.has("thumbnail_url")).isFalse();
        assertThat(json.path("type").asText()).isEqualTo("rich");
    }

    @Test
    void unknownDraftAndForeignAddressesAreNotFound() {
        Published r = EmbedFixtures.publish(api, token, Map.of("title", "Known", "kind", "other", "pricing", "free"), false);
        String draft = api.newRelease(token, Map.of("title", "Draft", "kind", "other", "pricing", "free"));
        String draftSlug = api.get("/api/releases/" + draft, token).text("slug");
        String base = server.gatefold.publicUrl().toString();
        for (String foreign : new String[] {
                base + "/r/" + r.artistSlug() + "/no-such-thing",
                base + "/r/" + r.artistSlug() + "/" + draftSlug,
                r.url().replace(base, "https://elsewhere.example"),
                base + "/checkout/" + r.id(),
                base + "/embed/r/" + r.artistSlug() + "/" + r.slug(),
                "not a url at all"}) {
            Reply reply = oembed(url(foreign));
            assertThat(reply.status()).as(foreign).isEqualTo(404);
            assertThat(reply.text("error")).isEqualTo("not_found");
        }
        assertThat(oembed("").status()).isEqualTo(400);
        assertThat(oembed(url(r.url()) + "&format=xml").status()).isEqualTo(501);
        assertThat(oembed(url(r.url()) + "&maxwidth=wide").status()).isEqualTo(400);
    }
}
