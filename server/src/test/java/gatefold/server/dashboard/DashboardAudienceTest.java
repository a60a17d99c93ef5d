package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The audience pages of the dashboard, without JavaScript: followers, announcements and bundles, each artist's own only. */
class DashboardAudienceTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);

    static DashboardBrowser signedIn(TestShop.Seller seller) {
        DashboardBrowser browser = new DashboardBrowser(server);
        assertThat(browser.signIn(seller.email(), "correct horse battery").statusCode()).isEqualTo(303);
        return browser;
    }

    @Test
    void followersAreImportedOnlyWithConsentListedAndExported() {
        TestShop.Seller seller = shop.artist("Followers Page Band");
        DashboardBrowser browser = signedIn(seller);
        HttpResponse<String> page = browser.get("/dashboard/followers");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("aria-current=\"page\">Followers</a>").contains("href=\"/api/followers.csv\"")
                .contains("Nobody follows you yet");

        HttpResponse<String> refused = browser.submit("/dashboard/followers", "/dashboard/followers/import",
                Map.of("emails", "ana@example.com\nben@example.com"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("I have their consent").contains("ana@example.com\nben@example.com");
        assertThat(shop.api.get("/api/followers", seller.token()).json()).isEmpty();

        HttpResponse<String> imported = browser.submit("/dashboard/followers", "/dashboard/followers/import",
                Map.of("emails", "ana@example.com, BEN@example.com\nana@example.com", "consent", "on"));
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("Imported 2 new addresses").contains("<strong>2</strong> following")
                .contains("<td>ana@example.com</td><td>following</td>").contains("<td>import</td>");
        HttpResponse<String> csv = browser.get("/api/followers.csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.body()).contains("\r\nana@example.com,following,import,").contains("\r\nben@example.com,following,import,");

        TestShop.Seller other = shop.artist("Not Their Band");
        assertThat(signedIn(other).get("/dashboard/followers").body()).doesNotContain("ana@example.com");
    }

    @Test
    void anAnnouncementGoesThroughTheQueueAndThePageCountsItsMails() {
        TestShop.Seller seller = shop.artist("Announcing Band");
        DashboardBrowser browser = signedIn(seller);
        browser.submit("/dashboard/followers", "/dashboard/followers/import",
                Map.of("emails", "tour1@example.com tour2@example.com", "consent", "on"));
        HttpResponse<String> blank = browser.submit("/dashboard/announcements", "/dashboard/announcements",
                Map.of("subject", "", "body", "Kept text"));
        assertThat(blank.statusCode()).isEqualTo(422);
        assertThat(blank.body()).contains("needs a").contains("Kept text");

        HttpResponse<String> sent = browser.submit("/dashboard/announcements", "/dashboard/announcements",
                Map.of("subject", "Tour in May", "body", "We play Leeds on the 3rd."));
        assertThat(sent.statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(15)).until(() -> browser.get("/dashboard/announcements").body()
                .contains("<td>Tour in May</td><td>2</td><td>0</td>"));
        assertThat(browser.get("/dashboard/announcements").body()).contains("aria-current=\"page\">Announcements</a>")
                .contains("(2 now)");
        JsonNode mail = shop.outboxFor("tour1@example.com").stream().filter(m -> m.path("subject").asText().equals("Tour in May"))
                .findFirst().orElseThrow();
        assertThat(mail.path("body").asText()).contains("We play Leeds on the 3rd.");

        Matcher leave = Pattern.compile("https?://[^/\\s]+(/unsubscribe/\\S+)").matcher(mail.path("body").asText());
        assertThat(leave.find()).isTrue();
        assertThat(shop.send(HttpRequest.newBuilder(URI.create(server.url(leave.group(1))))
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(200);
        assertThat(browser.get("/dashboard/followers").body()).contains("<strong>1</strong> following")
                .contains("<strong>1</strong> unsubscribed");
    }

    @Test
    void aBundleIsMadeEditedAndDeletedAndASoldOneStays() {
        TestShop.Seller seller = shop.artist("Bundle Page Band");
        String first = shop.release(seller, "First LP", "fixed").id();
        String second = shop.release(seller, "Second LP", "fixed").id();
        DashboardBrowser browser = signedIn(seller);
        HttpResponse<String> none = browser.submit("/dashboard/bundles", "/dashboard/bundles", Map.of("title", "Nothing", "price", "5"));
        assertThat(none.statusCode()).isEqualTo(422);
        assertThat(none.body()).contains("needs at least one release").contains("value=\"Nothing\"");

        String csrf = DashboardBrowser.csrfOf(browser.get("/dashboard/bundles").body());
        HttpResponse<String> made = browser.post("/dashboard/bundles", List.of(Map.entry("csrf", csrf),
                Map.entry("title", "Everything"), Map.entry("releaseIds", first), Map.entry("releaseIds", second),
                Map.entry("includesFuture", "on"), Map.entry("price", "10.00")));
        assertThat(made.statusCode()).isEqualTo(303);
        JsonNode bundle = shop.api.get("/api/bundles", seller.token()).json().get(0);
        String id = bundle.path("id").asText();
        assertThat(bundle.path("includesFuture").asBoolean()).isTrue();
        assertThat(bundle.path("releases")).hasSize(2);
        assertThat(browser.get("/dashboard/bundles").body()).contains("aria-current=\"page\">Bundles</a>")
                .contains("href=\"/dashboard/bundles/" + id + "\">Everything</a>")
                .containsPattern("<td>(First LP, Second LP|Second LP, First LP)</td>");

        HttpResponse<String> edited = browser.post("/dashboard/bundles/" + id, List.of(Map.entry("csrf", csrf),
                Map.entry("title", "Just the first"), Map.entry("releaseIds", first), Map.entry("price", "6.50")));
        assertThat(edited.statusCode()).isEqualTo(303);
        Reply after = shop.api.get("/api/bundles/" + id, seller.token());
        assertThat(after.json().path("title").asText()).isEqualTo("Just the first");
        assertThat(after.json().path("price").path("amount").asText()).isEqualTo("6.50");
        assertThat(after.json().path("releases")).hasSize(1);
        assertThat(after.json().path("includesFuture").asBoolean()).isFalse();
        assertThat(browser.get("/dashboard/bundles/" + id).body()).contains("value=\"6.50\"").contains("Save bundle");
        assertThat(browser.get("/dashboard/releases/" + first).body()).contains("name=\"releaseDate\"").contains("as a pre-order");

        Reply checkout = shop.api.post("/checkout/bundle/" + id, null, Map.of("email", "bundlefan@example.com", "provider", "test"));
        assertThat(checkout.status()).isEqualTo(201);
        HttpResponse<String> kept = browser.post("/dashboard/bundles/" + id + "/delete", Map.of("csrf", csrf));
        assertThat(kept.statusCode()).isEqualTo(409);
        assertThat(kept.body()).contains("cannot be deleted");

        HttpResponse<String> spare = browser.post("/dashboard/bundles", List.of(Map.entry("csrf", csrf),
                Map.entry("title", "Spare"), Map.entry("releaseIds", second), Map.entry("price", "4")));
        assertThat(spare.statusCode()).isEqualTo(303);
        String spareId = shop.api.get("/api/bundles", seller.token()).json().get(1).path("id").asText();
        assertThat(browser.post("/dashboard/bundles/" + spareId + "/delete", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        assertThat(shop.api.get("/api/bundles/" + spareId, seller.token()).status()).isEqualTo(404);
    }

    @Test
    void anotherArtistsBundleAndReleasesAreRefusedAndFormsNeedTheirToken() {
        TestShop.Seller owner = shop.artist("Owner Band");
        String release = shop.release(owner, "Owned LP", "fixed").id();
        Reply made = shop.api.post("/api/bundles", owner.token(), Map.of("title", "Owner's set", "releaseIds", List.of(release),
                "price", "5.00"));
        assertThat(made.status()).isEqualTo(201);
        String id = made.text("id");

        TestShop.Seller stranger = shop.artist("Stranger Band");
        String theirs = shop.release(stranger, "Stranger LP", "fixed").id();
        DashboardBrowser browser = signedIn(stranger);
        String csrf = DashboardBrowser.csrfOf(browser.get("/dashboard/bundles").body());
        assertThat(browser.get("/dashboard/bundles/" + id).statusCode()).isEqualTo(404);
        assertThat(browser.post("/dashboard/bundles/" + id, List.of(Map.entry("csrf", csrf), Map.entry("title", "Mine now"),
                Map.entry("releaseIds", theirs), Map.entry("price", "1"))).statusCode()).isEqualTo(404);
        assertThat(browser.post("/dashboard/bundles/" + id + "/delete", Map.of("csrf", csrf)).statusCode()).isEqualTo(404);
        assertThat(browser.post("/dashboard/bundles", List.of(Map.entry("csrf", csrf), Map.entry("title", "Borrowed"),
                Map.entry("releaseIds", release), Map.entry("price", "1"))).statusCode()).isEqualTo(404);
        assertThat(browser.get("/dashboard/bundles").body()).doesNotContain("Owner&#39;s set").doesNotContain("Owned LP");
        assertThat(browser.post("/dashboard/bundles", List.of(Map.entry("title", "No token"), Map.entry("releaseIds", theirs),
                Map.entry("price", "1"))).statusCode()).isEqualTo(403);
        assertThat(browser.post("/dashboard/followers/import", Map.of("emails", "x@example.com", "consent", "on")).statusCode())
                .isEqualTo(403);
        assertThat(shop.api.get("/api/bundles", stranger.token()).json()).isEmpty();
        assertThat(shop.api.get("/api/bundles/" + id, owner.token()).json().path("title").asText()).isEqualTo("Owner's set");
    }
}
