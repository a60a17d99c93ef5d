package gatefold.server.embed;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.embed.EmbedFixtures.Published;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The embed script, the iframe card and the overlay checkout, over real HTTP. */
class EmbedTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
    static final ApiClient api = new ApiClient(server);
    static String token;
    static int counter;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static final String HOST = "https://band.example.org";

    @BeforeAll
    static void start() {
        token = api.newArtist("The Embedders", "embedders@example.com").token();
    }

    static Published release(String pricing, String price, boolean cover) {
        counter++;
        Map<String, Object> fields = price == null
                ? Map.of("title", "Record " + counter, "kind", "other", "pricing", pricing)
                : Map.of("title", "Record " + counter, "kind", "other", "pricing", pricing, pricing.equals("pwyw") ? "minPrice" : "price", price);
        return EmbedFixtures.publish(api, token, fields, cover);
    }

    static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postForm(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void embedScriptIsJavaScriptWithAShortCacheAndNoDependencies() throws Exception {
        HttpResponse<String> script = get("/embed.js");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(script.headers().firstValue("Cache-Control")).hasValue("public, max-age=300");
        assertThat(script.body()).contains("a[data-gatefold]").contains("gatefold:purchase").contains("MutationObserver")
                .doesNotContain("import ").doesNotContain("require(");
        assertThat(script.body().length()).isLessThan(10_000);
        assertThat(get("/embed/frame.js").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/embed/embed.css").headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
    }

    @Test
    void theCardShowsCoverTitlePriceAndBuyAndMayBeFramedByAnySite() throws Exception {
        Published r = release("fixed", "9.50", true);
        HttpResponse<String> card = get("/embed/r/" + r.artistSlug() + "/" + r.slug());
        assertThat(card.statusCode()).isEqualTo(200);
        assertThat(card.body()).contains("Record " + counter).contains("9.50 EUR").contains("The Embedders")
                .contains("src=\"/embed/cover/" + r.id() + "\"").contains("class=\"card full\"")
                .contains("href=\"" + r.url() + "\"").contains(">Buy<");
        String csp = card.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("frame-ancestors *").contains("script-src 'self'").doesNotContain("unsafe-eval");
        assertThat(card.headers().firstValue("X-Frame-Options")).isEmpty();

        HttpResponse<byte[]> cover = http.send(HttpRequest.newBuilder(URI.create(server.url("/embed/cover/" + r.id()))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(cover.statusCode()).isEqualTo(200);
        assertThat(cover.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(cover.body()).isEqualTo(EmbedFixtures.png());

        HttpResponse<String> compact = get("/embed/r/" + r.artistSlug() + "/" + r.slug() + "?size=compact");
        assertThat(compact.body()).contains("class=\"card compact\"").contains("9.50 EUR");
    }

    @Test
    void pagesOutsideEmbedMayOnlyBeFramedByTheStoreItselfAndRunNoInlineScripts() throws Exception {
        Published r = release("fixed", "3.00", false);
        for (String path : new String[] {"/checkout/" + r.id(), "/health/live", "/api/releases", "/embed.js"}) {
            HttpResponse<String> page = get(path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertThat(csp).as(path).contains("frame-ancestors 'self'").contains("script-src 'self'")
                    .doesNotContain("frame-ancestors *");
            assertThat(csp.split("script-src")[1].split(";")[0]).as(path).doesNotContain("unsafe-inline");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("SAMEORIGIN");
        }
    }

    @Test
    void draftsAndUnknownReleasesHaveNoCardAndNoCheckout() throws Exception {
        String draft = api.newRelease(token, Map.of("title", "Unfinished", "kind", "other", "pricing", "free"));
        String slug = api.get("/api/releases/" + draft, token).text("slug");
        String artist = api.get("/api/me", token).text("slug");
        assertThat(get("/embed/r/" + artist + "/" + slug).statusCode()).isEqualTo(404);
        assertThat(get("/embed/r/" + artist + "/no-such-release").statusCode()).isEqualTo(404);
        assertThat(get("/embed/checkout/" + artist + "/" + slug).statusCode()).isEqualTo(404);
        assertThat(get("/embed/checkout/" + draft).statusCode()).isEqualTo(404);
        assertThat(get("/embed/cover/" + draft).statusCode()).isEqualTo(404);
    }

    @Test
    void anEmbeddedCheckoutWithTestPaymentsEndsInAReceiptWithWorkingDownloads() throws Exception {
        Published r = release("fixed", "5.00", false);
        HttpResponse<String> form = get("/embed/checkout/" + r.artistSlug() + "/" + r.slug() + "?origin=" + enc(HOST));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("action=\"/embed/checkout/" + r.id() + "\"")
                .contains("name=\"origin\" value=\"" + HOST + "\"").contains("data-host-origin=\"" + HOST + "\"")
                .contains("5.00 EUR");
        assertThat(form.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("frame-ancestors *");

        HttpResponse<String> started = postForm("/embed/checkout/" + r.id(),
                "email=fan%40example.com&provider=test&origin=" + enc(HOST));
        assertThat(started.statusCode()).isEqualTo(303);
        String payPage = started.headers().firstValue("Location").orElseThrow();
        assertThat(payPage).startsWith("/embed/pay/").endsWith("?origin=" + enc(HOST));
        assertThat(get(payPage).body()).contains("TEST MODE").contains("5.00 EUR");

        HttpResponse<String> paid = postForm(payPage.substring(0, payPage.indexOf('?')), "origin=" + enc(HOST));
        assertThat(paid.statusCode()).isEqualTo(303);
        String receiptPath = paid.headers().firstValue("Location").orElseThrow();
        assertThat(receiptPath).startsWith("/embed/receipt/");
        HttpResponse<String> receipt = get(receiptPath);
        assertThat(receipt.body()).contains("data-status=\"confirmed\"").contains("data-release-id=\"" + r.id() + "\"")
                .contains("data-amount=\"5.00\"").contains("data-currency=\"EUR\"").contains(r.fileName())
                .contains("data-host-origin=\"" + HOST + "\"").doesNotContain("fan@example.com");

        Matcher link = Pattern.compile("href=\"([^\"]+/d/[^\"]+)\" download").matcher(receipt.body());
        assertThat(link.find()).as(receipt.body()).isTrue();
        String url = link.group(1).replace("&amp;", "&");
        HttpResponse<byte[]> download = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.ALWAYS).build().send(
                HttpRequest.newBuilder(URI.create(url.replaceFirst("^https?://[^/]+", server.url("")))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(r.bytes());
    }

    @Test
    void aRefusedAmountShowsTheFormAgainWithTheReasonAndWhatTheFanTyped() throws Exception {
        Published r = release("pwyw", "4.00", false);
        HttpResponse<String> form = get("/embed/checkout/" + r.id());
        assertThat(form.body()).contains("Pay what you want (EUR, at least 4.00)").contains("name=\"amount\"");
        HttpResponse<String> refused = postForm("/embed/checkout/" + r.id(),
                "email=fan%40example.com&amount=1.00&provider=test&origin=" + enc(HOST));
        assertThat(refused.statusCode()).isBetween(400, 499);
        assertThat(refused.body()).contains("role=\"alert\"").contains("value=\"fan@example.com\"").contains("value=\"1.00\"")
                .contains("data-host-origin=\"" + HOST + "\"");
    }

    @Test
    void aFreeReleaseGoesStraightToTheReceipt() throws Exception {
        Published r = release("free", null, false);
        assertThat(get("/embed/checkout/" + r.id()).body()).contains(">Get it<").doesNotContain("name=\"provider\"");
        HttpResponse<String> started = postForm("/embed/checkout/" + r.id(), "email=free%40example.com");
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(started.headers().firstValue("Location").orElseThrow()).startsWith("/embed/receipt/");
    }

    @Test
    void aHostOriginThatIsNotAPlainOriginIsDropped() throws Exception {
        Published r = release("fixed", "2.00", false);
        for (String bad : new String[] {"javascript:alert(1)", "https://a.example/path", "https://x\"onload=\"alert(1)", "*"}) {
            HttpResponse<String> form = get("/embed/checkout/" + r.id() + "?origin=" + enc(bad));
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(form.body()).as(bad).doesNotContain("data-host-origin=\"").doesNotContain("alert(1)");
        }
    }

    @Test
    void testPaymentPagesAreRefusedWhenTheStoreHasNoTestPayments() throws Exception {
        try (TestServer live = TestServer.start()) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(live.url("/embed/pay/rcp_anything"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(404);
        }
    }

    @Test
    void theFullCardOffersFollowingByJsonAndAsAPlainFormWithAFriendlyPage() throws Exception {
        ApiClient.NewArtist band = api.newArtist("Card Follow Band", "cardfollowband@example.com");
        Published r = EmbedFixtures.publish(api, band.token(), Map.of("title", "Follow me", "kind", "other", "pricing", "free"), false);
        String full = get("/embed/r/" + r.artistSlug() + "/" + r.slug()).body();
        assertThat(full).contains("<form class=\"follow\" method=\"post\" action=\"/a/" + r.artistSlug() + "/follow\" target=\"_blank\"")
                .contains("name=\"source\" value=\"embed\"").contains("name=\"email\" type=\"email\" required");
        assertThat(get("/embed/r/" + r.artistSlug() + "/" + r.slug() + "?size=compact").body()).doesNotContain("data-follow");
        assertThat(get("/embed/frame.js").body()).contains("form[data-follow]").contains("application/json");

        HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(server.url("/a/" + r.artistSlug() + "/follow")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"framejson@example.com\",\"source\":\"embed\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(202);
        assertThat(json.body()).contains("\"message\":\"If that address is not following yet");
        HttpResponse<String> plain = postForm("/a/" + r.artistSlug() + "/follow", "source=embed&email=" + enc("frameform@example.com"));
        assertThat(plain.statusCode()).isEqualTo(202);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(plain.body()).contains("Check your email").contains("href=\"/a/" + r.artistSlug() + "\"");
        var followers = api.get("/api/followers", band.token()).json();
        assertThat(followers).hasSize(2);
        followers.forEach(f -> assertThat(f.path("source").asText()).isEqualTo("embed"));
    }
}
