package gatefold.server.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.awt.Color;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fan browses the store, reads a release page and buys with the plain HTML form. */
class StorefrontTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
    static final StoreFixtures store = new StoreFixtures(server);
    static int counter;

    ApiClient.NewArtist artist(String name) {
        counter++;
        return store.api.newArtist(name, "storefront" + counter + "@example.com");
    }

    @Test
    void aReleasePageShowsCoverTracklistWithDurationsWhatYouGetAndABuyForm() {
        ApiClient.NewArtist band = artist("The Night Ferries");
        String id = store.release(band.token(), Map.of("title", "Harbour Lights", "kind", "music", "pricing", "pwyw",
                "minPrice", "3.00", "price", "8.00", "description",
                "Recorded **live** at the pier.\n\n# Notes\n\nMore at [our site](https://ferries.example).",
                "credits", "Words: A. Sailor\nMusic: B. Keel", "releaseDate", "2026-05-01", "formats", List.of("original")));
        store.upload(band.token(), id, "cover.png", StoreFixtures.image("png", 800, 800, Color.BLUE));
        store.upload(band.token(), id, "01 - Departure.wav", StoreFixtures.wav(2));
        store.upload(band.token(), id, "02 - Open Water.flac", StoreFixtures.realFlac(185));
        store.publish(band.token(), id);
        String path = store.urlOf(band.token(), id);
        assertThat(path).isEqualTo("/r/" + band.slug() + "/harbour-lights");

        HttpResponse<String> res = store.page(path);
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        String html = res.body();
        assertThat(html).contains("<html lang=\"en\">").contains("<h1>Harbour Lights</h1>")
                .contains("href=\"/a/" + band.slug() + "\">The Night Ferries</a>")
                .contains("<strong>live</strong>").contains("<h2>Notes</h2>")
                .containsPattern("<a href=\"https://ferries.example\" rel=\"(nofollow noopener|noopener nofollow)\">our site</a>")
                .contains("Words: A. Sailor\nMusic: B. Keel")
                .contains("2026-05-01");
        // Tracklist in order, titles without numbers and extensions, durations from the headers.
        assertThat(html).containsPattern("(?s)<ol class=\"tracks\">.*Departure.*0:02.*Open Water.*3:05.*</ol>");
        // What a buyer gets: every file with its size.
        assertThat(html).contains("01 - Departure.wav").contains("16.0 kB").contains("02 - Open Water.flac").contains("cover.png");
        // The buy form works without JavaScript: a real post with labelled inputs.
        assertThat(html).contains("<form method=\"post\" action=\"/checkout/" + id + "\">")
                .contains("<label for=\"email\">").contains("id=\"email\" name=\"email\" type=\"email\" required")
                .contains("<label for=\"amount\">Pay what you want, in EUR (3.00 or more)</label>")
                .contains("name=\"amount\"").contains("value=\"8.00\"")
                .contains("<label for=\"discountCode\">")
                .contains("<input type=\"radio\" name=\"provider\" value=\"test\" checked>")
                .contains("<button type=\"submit\">Buy</button>");
        assertThat(html).containsPattern("<img class=\"cover\" src=\"/covers/fil_[^/]+/[0-9a-f]{16}/600\\.jpg\" srcset=\"[^\"]*300w[^\"]*1200w\"")
                .contains("alt=\"Cover of Harbour Lights\"");
        assertThat(html).doesNotContain("<script");
    }

    @Test
    void aReleasePageWithItsStylesheetWeighsUnderFiftyKilobytes() {
        ApiClient.NewArtist band = artist("Long Player");
        Map<String, Object> fields = new HashMap<>(Map.of("title", "Double Album", "kind", "music", "pricing", "fixed",
                "price", "12.00", "description", "A long story about the sea. ".repeat(80)));
        String id = store.release(band.token(), fields);
        for (int i = 1; i <= 24; i++) {
            store.upload(band.token(), id, String.format("%02d - Song number %d.wav", i, i), StoreFixtures.wav(1));
        }
        store.publish(band.token(), id);
        HttpResponse<String> page = store.page(store.urlOf(band.token(), id));
        HttpResponse<String> css = store.page("/static/gatefold.css");
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
        assertThat(css.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(page.body()).contains("Song number 24").contains("Buy for 12.00 EUR");
        int total = page.body().getBytes(StandardCharsets.UTF_8).length + css.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(total).isLessThan(50_000);
    }

    @Test
    void injectionAttemptsInReleaseAndArtistTextAreInertOnEveryPage() throws Exception {
        ApiClient.NewArtist band = artist("<img src=x onerror=alert(7)>Band");
        String id = store.release(band.token(), Map.of(
                "title", "<script>alert(1)</script>Title\" onmouseover=\"alert(2)",
                "kind", "other", "pricing", "fixed", "price", "2.00",
                "description", "<script>alert(3)</script> <img src=x onerror=alert(4)> [click](javascript:alert(5))"
                        + " <a href=\"javascript:alert(6)\">raw</a> <iframe src=\"https://evil.example\"></iframe>"
                        + " [data](data:text/html;base64,PHNjcmlwdD4=) <svg onload=alert(8)>",
                "credits", "<script>alert(9)</script>"));
        store.upload(band.token(), id, "<b onclick=alert(10)>.bin", new byte[] {1, 2, 3});
        store.publish(band.token(), id);
        String releasePath = store.urlOf(band.token(), id);

        assertInert(store.page("/").body());
        assertInert(store.page("/a/" + band.slug()).body());
        String release = store.page(releasePath).body();
        assertInert(release);
        assertThat(release).contains("&lt;script&gt;alert(1)&lt;/script&gt;Title").contains("raw").contains("click");
        assertInert(store.page("/checkout/" + id).body());

        String receipt = buyWithForm(id, "inert@example.com", null);
        String receiptHtml = store.page(receipt).body();
        assertThat(receiptHtml).contains("&lt;b onclick=alert(10)&gt;.bin");
        assertInert(receiptHtml);
        assertInert(library("inert@example.com"));
        HttpResponse<String> redeem = store.page("/redeem?code=%3Cscript%3Ealert(11)%3C/script%3E");
        assertInert(redeem.body());
    }

    static void assertInert(String html) {
        assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<iframe")
                .doesNotContainIgnoringCase("<svg")
                .doesNotContainPattern("(?i)(href|src|action|srcset)\\s*=\\s*\"?\\s*(javascript|data|vbscript):")
                .doesNotContainPattern("(?i)<[^>]*\\son[a-z]+\\s*=")
                .doesNotContainPattern("(?i)<img[^>]*src=\"?x");
    }

    @Test
    void draftsAreNotFoundAndBrowsersGetAPageThatSaysWhatToDoNext() {
        ApiClient.NewArtist band = artist("Secretive");
        String id = store.release(band.token(), Map.of("title", "Not Yet", "kind", "other", "pricing", "free"));
        store.upload(band.token(), id, "cover.png", StoreFixtures.image("png", 50, 50, Color.RED));
        String path = store.urlOf(band.token(), id);

        HttpResponse<String> page = store.page(path);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("Not found").contains("There is no release at this address")
                .contains("<a href=\"/\">Go to the store</a>").contains("href=\"/library\"").contains("href=\"/redeem\"")
                .contains("/static/gatefold.css").doesNotContain("Not Yet");
        assertThat(store.page("/a/" + band.slug()).body()).doesNotContain("Not Yet");
        assertThat(store.page("/checkout/" + id).statusCode()).isEqualTo(404);
        assertThat(store.page("/releases/" + id).statusCode()).isEqualTo(404);
        // Tools that ask for JSON keep the JSON error shape.
        HttpResponse<String> json = store.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).contains("\"error\":\"not_found\"");
        assertThat(store.page("/a/nobody-here").statusCode()).isEqualTo(404);
    }

    @Test
    void aUsedSignInLinkOffersANewOneRightThere() {
        HttpResponse<String> gone = store.page("/library/signin/lib_notarealtoken");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Ask for a new one below").contains("name=\"email\"").contains("<label for=\"email\">");
    }

    @Test
    void unlistedReleasesOpenByTheirAddressButAreNotListed() {
        ApiClient.NewArtist band = artist("Quiet Ones");
        String listed = store.release(band.token(), Map.of("title", "Listed Album", "kind", "other", "pricing", "free"));
        store.upload(band.token(), listed, "a.bin", new byte[] {1});
        store.publish(band.token(), listed);
        String hidden = store.release(band.token(), Map.of("title", "Friends Only", "kind", "other", "pricing", "free"));
        store.upload(band.token(), hidden, "a.bin", new byte[] {2});
        assertThat(store.api.patch("/api/releases/" + hidden, band.token(), Map.of("status", "unlisted")).status()).isEqualTo(200);

        String artistPage = store.page("/a/" + band.slug()).body();
        assertThat(artistPage).contains("Listed Album").doesNotContain("Friends Only");
        assertThat(store.page("/").body()).doesNotContain("Friends Only");
        HttpResponse<String> direct = store.page(store.urlOf(band.token(), hidden));
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).contains("<h1>Friends Only</h1>").contains("Get it free");
        HttpResponse<String> byId = store.page("/releases/" + hidden);
        assertThat(byId.statusCode()).isEqualTo(302);
        assertThat(byId.headers().firstValue("Location")).hasValue(store.urlOf(band.token(), hidden));
    }

    @Test
    void theHomePageListsEveryArtistWithSomethingPublished() {
        ApiClient.NewArtist band = artist("Zebra Crossing");
        String id = store.release(band.token(), Map.of("title", "Stripes", "kind", "other", "pricing", "free"));
        store.upload(band.token(), id, "a.bin", new byte[] {1});
        store.publish(band.token(), id);
        ApiClient.NewArtist silent = artist("Nothing Yet Band");
        String home = store.page("/").body();
        assertThat(home).contains("<a href=\"/a/" + band.slug() + "\">Zebra Crossing</a>").doesNotContain("Nothing Yet Band")
                .contains("href=\"/library\"");
        assertThat(store.page("/a/" + silent.slug()).body()).contains("No releases yet");
    }

    @Test
    void aSingleArtistStoreOpensOnTheirReleases() {
        try (TestServer solo = TestServer.start()) {
            StoreFixtures own = new StoreFixtures(solo);
            ApiClient.NewArtist me = own.api.newArtist("Solo Singer", "solo@example.com");
            assertThat(own.page("/").body()).contains("<h1>Solo Singer</h1>").contains("No releases yet");
            String id = own.release(me.token(), Map.of("title", "First Steps", "kind", "other", "pricing", "fixed", "price", "5.00"));
            own.upload(me.token(), id, "a.bin", new byte[] {1});
            own.publish(me.token(), id);
            String home = own.page("/").body();
            assertThat(home).contains("First Steps").contains("5.00 EUR").contains("href=\"" + own.urlOf(me.token(), id) + "\"");
            // Without payment accounts or test mode, the release page says so instead of offering a form that cannot work.
            String page = own.page(own.urlOf(me.token(), id)).body();
            assertThat(page).contains("does not take payments online yet").doesNotContain("<form method=\"post\"");
        }
    }

    @Test
    void aFanBuysWithThePlainFormAndTheReceiptListsDownloadsWhoseBytesMatch() throws Exception {
        ApiClient.NewArtist band = artist("Form Fillers");
        String id = store.release(band.token(), Map.of("title", "Paper", "kind", "other", "pricing", "pwyw", "minPrice", "2.00"));
        byte[] bytes = new byte[70_000];
        new Random(42).nextBytes(bytes);
        store.upload(band.token(), id, "paper.zip", bytes);
        store.publish(band.token(), id);

        String page = store.page(store.urlOf(band.token(), id)).body();
        Matcher action = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">").matcher(page);
        assertThat(action.find()).isTrue();
        String receipt = buyWithForm(id, "paper@example.com", "4.50");

        HttpResponse<String> html = store.page(receipt);
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        assertThat(html.body()).contains("Paid: 4.50 EUR").contains("paper.zip").contains("70.0 kB").contains(sha);
        Matcher link = Pattern.compile("href=\"(http[^\"]+/d/[^\"]+)\"").matcher(html.body());
        assertThat(link.find()).as(html.body()).isTrue();
        HttpResponse<byte[]> file = store.bytes(link.group(1).replace("&amp;", "&"));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(bytes);

        // Below the minimum, the form answers with the reason and no purchase.
        HttpResponse<String> tooLittle = store.send(HttpRequest.newBuilder(URI.create(server.url("/checkout/" + id)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("email=cheap%40example.com&amount=1.00&provider=test")));
        assertThat(tooLittle.statusCode()).isEqualTo(422);
        assertThat(tooLittle.body()).contains("Go to the store").doesNotContain("Exception");
    }

    @Test
    void aCancelledPaymentBringsTheFanBackToTheFormWithANote() {
        ApiClient.NewArtist band = artist("Second Thoughts");
        String id = store.release(band.token(), Map.of("title", "Maybe", "kind", "other", "pricing", "fixed", "price", "3.00"));
        store.upload(band.token(), id, "a.bin", new byte[] {1});
        store.publish(band.token(), id);
        String html = store.page("/checkout/" + id + "?cancelled=1").body();
        assertThat(html).contains("The payment was cancelled").contains("<h1>Maybe</h1>")
                .contains("href=\"/releases/" + id + "\"").contains("Buy for 3.00 EUR");
    }

    /** Posts the release's form as a browser without JavaScript would, pays in test mode, and returns the receipt path. */
    String buyWithForm(String releaseId, String email, String amount) {
        String form = "email=" + URLEncoder.encode(email, StandardCharsets.UTF_8) + "&provider=test&discountCode="
                + (amount == null ? "" : "&amount=" + amount);
        HttpResponse<String> started = store.send(HttpRequest.newBuilder(URI.create(server.url("/checkout/" + releaseId)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
        String payPage = URI.create(started.headers().firstValue("Location").orElseThrow()).getPath();
        HttpResponse<String> pay = store.page(payPage);
        assertThat(pay.body()).contains("TEST MODE");
        assertInert(pay.body());
        HttpResponse<String> paid = store.send(HttpRequest.newBuilder(URI.create(server.url(payPage)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(paid.statusCode()).isEqualTo(303);
        return URI.create(paid.headers().firstValue("Location").orElseThrow()).getPath();
    }

    /** Signs in to the fan's library through the link in the outbox and returns the library page. */
    String library(String email) throws Exception {
        assertThat(store.api.post("/library", null, Map.of("email", email)).status()).isEqualTo(202);
        String link = null;
        for (int i = 0; i < 100 && link == null; i++) {
            for (var mail : store.api.get("/api/admin/outbox", store.api.adminToken()).json()) {
                Matcher m = Pattern.compile("https?://\\S+(/library/signin/\\S+)").matcher(mail.path("body").asText());
                if (mail.path("to").asText().equals(email) && m.find()) {
                    link = m.group(1);
                }
            }
            if (link == null) {
                Thread.sleep(100);
            }
        }
        assertThat(link).as("sign-in link for " + email).isNotNull();
        HttpResponse<String> signedIn = gatefold.server.library.SignInLinks.follow(store::send, URI.create(server.url(link)));
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library="))
                .findFirst().orElseThrow();
        HttpResponse<String> library = store.send(HttpRequest.newBuilder(URI.create(server.url("/library")))
                .header("Accept", "text/html").header("Cookie", cookie.substring(0, cookie.indexOf(';'))));
        assertThat(library.body()).contains("Your library").contains("/d/");
        return library.body();
    }
}
