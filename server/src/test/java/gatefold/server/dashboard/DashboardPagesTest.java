package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's pages and forms, as an artist in a browser without JavaScript uses them. */
class DashboardPagesTest {

    static TestServer server;
    static ApiClient api;
    static ApiClient.NewArtist owner;
    static DashboardBrowser browser;
    static DashboardBrowser stranger;
    static String release;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true"));
        api = new ApiClient(server);
        owner = api.newArtist("Owner Band", "owner@example.com");
        api.newArtist("Stranger", "stranger@example.com");
        release = api.newRelease(owner.token(), Map.of("title", "Private Album", "kind", "music", "pricing", "fixed", "price", "7.00"));
        browser = new DashboardBrowser(server);
        assertThat(browser.signIn("owner@example.com", "correct horse battery").statusCode()).isEqualTo(303);
        stranger = new DashboardBrowser(server);
        assertThat(stranger.signIn("stranger@example.com", "correct horse battery").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static List<String> pages() {
        String r = "/dashboard/releases/" + release;
        return List.of("/dashboard", "/dashboard/releases/new", r, r + "/codes", r + "/embed", "/dashboard/sales",
                "/dashboard/sales?status=confirmed&from=2026-01-01", "/dashboard/discounts", "/dashboard/payments",
                "/dashboard/webhooks");
    }

    @Test
    void everyPageAnswersTheOwnerAndSendsAnyoneElseToSignIn() {
        DashboardBrowser nobody = new DashboardBrowser(server);
        for (String page : pages()) {
            HttpResponse<String> res = browser.get(page);
            assertThat(res.statusCode()).as(page).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
            assertThat(res.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(res.body()).as(page).contains("Owner Band").contains("name=\"csrf\"");

            HttpResponse<String> away = nobody.get(page);
            assertThat(away.statusCode()).as(page).isEqualTo(303);
            assertThat(away.headers().firstValue("Location").orElseThrow()).startsWith("/dashboard/signin?next=%2Fdashboard");
        }
    }

    @Test
    void signingInReturnsToThePageAskedForButNeverToAnotherSite() {
        DashboardBrowser fresh = new DashboardBrowser(server);
        HttpResponse<String> form = fresh.get("/dashboard/signin?next=%2Fdashboard%2Fsales");
        Map<String, String> fields = new HashMap<>(Map.of("email", "owner@example.com", "password", "correct horse battery",
                "next", "/dashboard/sales", "csrf", DashboardBrowser.csrfOf(form.body())));
        assertThat(fresh.post("/dashboard/signin", fields).headers().firstValue("Location")).hasValue("/dashboard/sales");
        DashboardBrowser other = new DashboardBrowser(server);
        fields.put("csrf", DashboardBrowser.csrfOf(other.get("/dashboard/signin").body()));
        fields.put("next", "//evil.example.com/dashboard");
        assertThat(other.post("/dashboard/signin", fields).headers().firstValue("Location")).hasValue("/dashboard");
    }

    @Test
    void anotherArtistsReleaseIsNotFoundAndCannotBeChanged() {
        String r = "/dashboard/releases/" + release;
        for (String page : List.of(r, r + "/codes", r + "/embed", r + "/cover")) {
            HttpResponse<String> res = stranger.get(page);
            assertThat(res.statusCode()).as(page).isEqualTo(404);
            assertThat(res.body()).doesNotContain("Private Album");
        }
        String csrf = DashboardBrowser.csrfOf(stranger.get("/dashboard").body());
        Map<String, String> edit = Map.of("csrf", csrf, "title", "Hijacked", "kind", "music", "pricing", "free");
        assertThat(stranger.post(r, edit).statusCode()).isEqualTo(404);
        assertThat(stranger.post(r + "/publish", Map.of("csrf", csrf)).statusCode()).isEqualTo(404);
        assertThat(stranger.post(r + "/codes", Map.of("csrf", csrf, "count", "5")).statusCode()).isEqualTo(404);
        assertThat(stranger.get("/dashboard").body()).doesNotContain("Private Album");
        JsonNode kept = api.get("/api/releases/" + release, owner.token()).json();
        assertThat(kept.path("title").asText()).isEqualTo("Private Album");
        assertThat(api.get("/api/releases/" + release + "/codes", owner.token()).json().size()).isZero();
    }

    @Test
    void creatingAndEditingAReleaseThroughTheFormsChangesEveryField() {
        HttpResponse<String> created = browser.submit("/dashboard/releases/new", "/dashboard/releases", Map.ofEntries(
                Map.entry("title", "Night Drives"), Map.entry("kind", "music"), Map.entry("pricing", "pwyw"),
                Map.entry("price", "8.00"), Map.entry("minPrice", "3.00"), Map.entry("currency", "EUR"),
                Map.entry("status", "draft"), Map.entry("licence", "cc-by"), Map.entry("description", "Ten songs\r\nfor the road."),
                Map.entry("releaseDate", "2026-10-01"), Map.entry("credits", "Mixed by Sam"), Map.entry("downloadLimit", "5")));
        assertThat(created.statusCode()).isEqualTo(303);
        String id = created.headers().firstValue("Location").orElseThrow().replace("/dashboard/releases/", "");
        JsonNode r = api.get("/api/releases/" + id, owner.token()).json();
        assertThat(r.path("title").asText()).isEqualTo("Night Drives");
        assertThat(r.path("pricing").asText()).isEqualTo("pwyw");
        assertThat(r.path("price").path("amount").asText()).isEqualTo("8.00");
        assertThat(r.path("minPrice").path("amount").asText()).isEqualTo("3.00");
        assertThat(r.path("licence").asText()).isEqualTo("cc-by");
        assertThat(r.path("description").asText()).isEqualTo("Ten songs\nfor the road.");
        assertThat(r.path("releaseDate").asText()).isEqualTo("2026-10-01");
        assertThat(r.path("credits").asText()).isEqualTo("Mixed by Sam");
        assertThat(r.path("downloadLimit").asInt()).isEqualTo(5);

        HttpResponse<String> edited = browser.submit("/dashboard/releases/" + id, "/dashboard/releases/" + id, Map.ofEntries(
                Map.entry("title", "Night Drives (Deluxe)"), Map.entry("slug", "night-drives-deluxe"), Map.entry("kind", "book"),
                Map.entry("pricing", "fixed"), Map.entry("price", "12.50"), Map.entry("minPrice", ""),
                Map.entry("currency", "USD"), Map.entry("status", "unlisted"), Map.entry("licence", "all-rights-reserved"),
                Map.entry("description", ""), Map.entry("releaseDate", ""), Map.entry("credits", "Sam"),
                Map.entry("downloadLimit", "")));
        assertThat(edited.statusCode()).isEqualTo(303);
        r = api.get("/api/releases/" + id, owner.token()).json();
        assertThat(r.path("title").asText()).isEqualTo("Night Drives (Deluxe)");
        assertThat(r.path("slug").asText()).isEqualTo("night-drives-deluxe");
        assertThat(r.path("kind").asText()).isEqualTo("book");
        assertThat(r.path("price").path("amount").asText()).isEqualTo("12.50");
        assertThat(r.path("price").path("currency").asText()).isEqualTo("USD");
        assertThat(r.path("status").asText()).isEqualTo("unlisted");
        assertThat(r.path("releaseDate").isNull()).isTrue();
        assertThat(r.path("downloadLimit").isNull()).isTrue();
        assertThat(r.path("description").asText()).isEmpty();

        HttpResponse<String> page = browser.get("/dashboard/releases/" + id);
        assertThat(page.body()).contains("value=\"night-drives-deluxe\"").contains("value=\"12.50\"")
                .contains("<option value=\"book\" selected>");
    }

    @Test
    void aRefusedFormKeepsWhatWasTypedAndSaysWhy() {
        HttpResponse<String> refused = browser.submit("/dashboard/releases/new", "/dashboard/releases", Map.of(
                "title", "No Price Yet", "kind", "music", "pricing", "fixed", "price", "", "currency", "EUR"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("role=\"alert\"").contains("A fixed-price release needs a").contains("value=\"No Price Yet\"");
        assertThat(api.get("/api/releases", owner.token()).body()).doesNotContain("No Price Yet");
    }

    @Test
    void tracksAreReorderedWithTheUpAndDownButtonsAndByDrag() {
        String album = api.newRelease(owner.token(), Map.of("title", "Three Songs", "kind", "music", "pricing", "free"));
        List<String> ids = new ArrayList<>();
        for (String name : List.of("one.mp3", "two.mp3", "three.mp3")) {
            ids.add(api.put("/api/releases/" + album + "/files/" + name, owner.token(),
                    HttpRequest.BodyPublishers.ofByteArray(("ID3" + name).getBytes(StandardCharsets.UTF_8))).text("id"));
        }
        String page = "/dashboard/releases/" + album;
        assertThat(browser.submit(page, page + "/tracks/" + ids.get(0) + "/down", Map.of()).statusCode()).isEqualTo(303);
        assertThat(order(album)).containsExactly(ids.get(1), ids.get(0), ids.get(2));
        assertThat(browser.submit(page, page + "/tracks/" + ids.get(2) + "/up", Map.of()).statusCode()).isEqualTo(303);
        assertThat(order(album)).containsExactly(ids.get(1), ids.get(2), ids.get(0));
        // Moving the first track up changes nothing.
        assertThat(browser.submit(page, page + "/tracks/" + ids.get(1) + "/up", Map.of()).statusCode()).isEqualTo(303);
        assertThat(order(album)).containsExactly(ids.get(1), ids.get(2), ids.get(0));
        // The drag-and-drop enhancement posts the whole order.
        assertThat(browser.submit(page, page + "/tracks", Map.of("order", String.join(",", ids))).statusCode()).isEqualTo(303);
        assertThat(order(album)).containsExactly(ids.get(0), ids.get(1), ids.get(2));
        String html = browser.get(page).body();
        assertThat(html.indexOf("one.mp3")).isLessThan(html.indexOf("two.mp3"));
        assertThat(html.indexOf("two.mp3")).isLessThan(html.indexOf("three.mp3"));
    }

    private static List<String> order(String releaseId) {
        List<String> out = new ArrayList<>();
        api.get("/api/releases/" + releaseId, owner.token()).json().path("trackOrder").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void filesAreRenamedAndDeletedAndPublishingNeedsAFile() {
        String book = api.newRelease(owner.token(), Map.of("title", "Short Book", "kind", "book", "pricing", "free"));
        String page = "/dashboard/releases/" + book;
        HttpResponse<String> early = browser.submit(page, page + "/publish", Map.of());
        assertThat(early.statusCode()).isEqualTo(409);
        assertThat(early.body()).contains("Add at least one file");
        String file = api.put("/api/releases/" + book + "/files/draft.pdf", owner.token(),
                HttpRequest.BodyPublishers.ofByteArray(onePagePdf())).text("id");
        assertThat(browser.submit(page, page + "/files/" + file + "/rename", Map.of("name", "final.pdf")).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/releases/" + book + "/files/" + file, owner.token()).text("name")).isEqualTo("final.pdf");
        // The pre-order tick box: ticked sets the flag, sent unticked clears it.
        assertThat(browser.submit(page, page + "/files/" + file + "/available", Map.of("availableNow", "true")).statusCode())
                .isEqualTo(303);
        assertThat(api.get("/api/releases/" + book + "/files/" + file, owner.token()).json().path("availableNow").asBoolean()).isTrue();
        assertThat(browser.get(page).body()).contains("id=\"now-" + file + "\" name=\"availableNow\" value=\"true\" checked");
        assertThat(browser.submit(page, page + "/files/" + file + "/available", Map.of()).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/releases/" + book + "/files/" + file, owner.token()).json().path("availableNow").asBoolean()).isFalse();

        assertThat(browser.submit(page, page + "/publish", Map.of()).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/releases/" + book, owner.token()).text("status")).isEqualTo("published");
        assertThat(browser.get(page).body()).contains(">Unpublish</button>");
        assertThat(browser.submit(page, page + "/unpublish", Map.of()).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/releases/" + book, owner.token()).text("status")).isEqualTo("draft");

        assertThat(browser.submit(page, page + "/files/" + file + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/releases/" + book + "/files", owner.token()).json().size()).isZero();
    }

    @Test
    void aCoverUploadedThroughTheFormIsShownOnTheReleasePage() {
        String album = api.newRelease(owner.token(), Map.of("title", "Covered", "kind", "music", "pricing", "free"));
        String page = "/dashboard/releases/" + album;
        String csrf = DashboardBrowser.csrfOf(browser.get(page).body());
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 'I', 'H', 'D', 'R'};
        String boundary = "gatefoldboundary";
        byte[] body = multipart(boundary, csrf, png);
        HttpResponse<String> res = server.send(HttpRequest.newBuilder(URI.create(server.url(page + "/cover")))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary), browser.headers("text/html"));
        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(browser.get(page).body()).contains("src=\"/dashboard/releases/" + album + "/cover\"");
        HttpResponse<String> image = browser.get(page + "/cover");
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(api.get("/api/releases/" + album + "/files", owner.token()).body()).contains("\"role\":\"cover\"");
    }

    private static byte[] multipart(String boundary, String csrf, byte[] png) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cover\"; filename=\"front.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(png);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    @Test
    void injectionAttemptsInTitlesRenderInertInTheDashboard() {
        String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'";
        String id = api.newRelease(owner.token(), Map.of("title", evil, "kind", "music", "pricing", "free",
                "description", "</textarea><script>alert(3)</script>", "credits", "<b onmouseover=alert(4)>"));
        for (String page : List.of("/dashboard", "/dashboard/releases/" + id, "/dashboard/releases/" + id + "/embed",
                "/dashboard/releases/" + id + "/codes", "/dashboard/discounts", "/dashboard/sales")) {
            String html = browser.get(page).body();
            assertThat(html).as(page).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b onmouseover");
        }
        assertThat(browser.get("/dashboard").body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(browser.get("/dashboard/releases/" + id).body()).contains("&lt;/textarea&gt;&lt;script&gt;alert(3)");
    }

    @Test
    void theSalesPageShowsFilteredSalesTotalsPerCurrencyAChartAndTheCsvLink() {
        String single = api.newRelease(owner.token(), Map.of("title", "Sold Single", "kind", "music", "pricing", "fixed",
                "price", "4.00"));
        api.post("/api/releases/" + single + "/purchases", owner.token(), Map.of("email", "a@example.com", "amount", "4.00"));
        api.post("/api/releases/" + single + "/purchases", owner.token(), Map.of("email", "b@example.com", "amount", "6.00"));
        HttpResponse<String> res = browser.get("/dashboard/sales?release=" + single);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).contains("10.00 EUR").contains("from 2 sales").contains("a@example.com").contains("b@example.com")
                .contains("<svg").contains("<rect class=\"bar\"").contains("href=\"/api/purchases.csv?release=" + single + "\"");
        HttpResponse<String> one = browser.get("/dashboard/sales?release=" + single + "&email=a%40example.com");
        assertThat(one.body()).contains("a@example.com").doesNotContain("b@example.com").contains("4.00 EUR");

        // The CSV link works with the session cookie alone.
        HttpResponse<String> csv = browser.get("/api/purchases.csv?release=" + single);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("a@example.com").contains("b@example.com");

        HttpResponse<String> bad = browser.get("/dashboard/sales?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Dates must look like");
    }

    @Test
    void downloadCodesAreGeneratedListedAndExported() {
        String single = api.newRelease(owner.token(), Map.of("title", "Coded", "kind", "music", "pricing", "free"));
        String page = "/dashboard/releases/" + single + "/codes";
        assertThat(browser.submit(page, page, Map.of("count", "3", "uses", "2", "expires", "2030-01-31")).statusCode()).isEqualTo(303);
        String html = browser.get(page).body();
        assertThat(html).contains("0 of 2").contains("2030-01-31").contains("/api/releases/" + single + "/codes.csv");
        assertThat(api.get("/api/releases/" + single + "/codes", owner.token()).json().size()).isEqualTo(3);
        HttpResponse<String> refused = browser.submit(page, page, Map.of("count", "0"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(api.get("/api/releases/" + single + "/codes", owner.token()).json().size()).isEqualTo(3);
    }

    @Test
    void discountCodesAreAddedAndDeleted() {
        assertThat(browser.submit("/dashboard/discounts", "/dashboard/discounts", Map.of("code", "spring20", "percentOff", "20",
                "releaseId", "", "endsAt", "2030-06-01")).statusCode()).isEqualTo(303);
        JsonNode list = api.get("/api/discounts", owner.token()).json();
        JsonNode code = null;
        for (JsonNode d : list) {
            if (d.path("code").asText().equals("SPRING20")) {
                code = d;
            }
        }
        assertThat(code).isNotNull();
        assertThat(code.path("percentOff").asInt()).isEqualTo(20);
        assertThat(browser.get("/dashboard/discounts").body()).contains("SPRING20").contains("20% off").contains("until 2030-06-01");
        HttpResponse<String> both = browser.submit("/dashboard/discounts", "/dashboard/discounts", Map.of("code", "NONE"));
        assertThat(both.statusCode()).isEqualTo(422);
        assertThat(browser.submit("/dashboard/discounts", "/dashboard/discounts/" + code.path("id").asText() + "/delete", Map.of())
                .statusCode()).isEqualTo(303);
        assertThat(api.get("/api/discounts", owner.token()).body()).doesNotContain("SPRING20");
    }

    @Test
    void paymentSettingsShowOnlyTheLastFourCharactersOfSecrets() {
        HttpResponse<String> saved = browser.submit("/dashboard/payments", "/dashboard/payments", Map.of("stripe", "on",
                "stripeSecretKey", "sk_test_supersecretvalue1234", "stripeWebhookSecret", "whsec_anothersecret9876"));
        assertThat(saved.statusCode()).isEqualTo(200);
        String html = browser.get("/dashboard/payments").body();
        assertThat(html).contains("…1234").contains("…9876").doesNotContain("supersecret").doesNotContain("anothersecret");
        assertThat(api.get("/api/me/payments", owner.token()).json().path("stripe").path("secretKeyLast4").asText()).isEqualTo("1234");
    }

    @Test
    void sellerWebhooksAreAddedWithTheirSecretShownOnceAndDeleted() {
        HttpResponse<String> added = browser.submit("/dashboard/webhooks", "/dashboard/webhooks", Map.of("url", "http://127.0.0.1:9/sales"));
        assertThat(added.statusCode()).isEqualTo(201);
        assertThat(added.body()).contains("http://127.0.0.1:9/sales").contains("whsec");
        assertThat(browser.get("/dashboard/webhooks").body()).contains("http://127.0.0.1:9/sales").doesNotContain("whsec_");
        String id = api.get("/api/webhooks", owner.token()).json().get(0).path("id").asText();
        assertThat(browser.submit("/dashboard/webhooks", "/dashboard/webhooks/" + id + "/delete", Map.of()).statusCode()).isEqualTo(303);
        assertThat(api.get("/api/webhooks", owner.token()).json().size()).isZero();
    }

    @Test
    void theEmbedPageGivesTheSnippetAndAPreviewOfTheCard() {
        String html = browser.get("/dashboard/releases/" + release + "/embed").body();
        String releaseUrl = server.gatefold.publicUrl() + "/r/" + owner.slug() + "/private-album";
        assertThat(html).contains("&lt;script src=\"" + server.gatefold.publicUrl() + "/embed.js\" async&gt;&lt;/script&gt;")
                .contains("&lt;a data-gatefold href=\"" + releaseUrl + "\"&gt;Buy&lt;/a&gt;")
                .contains("<iframe class=\"embed-preview\" src=\"/embed/r/" + owner.slug() + "/private-album\"");
    }

    /** A real PDF: a book's PDF is prepared for stamping, and one that cannot be keeps the release from being published. */
    static byte[] onePagePdf() {
        try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            doc.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            doc.save(out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
