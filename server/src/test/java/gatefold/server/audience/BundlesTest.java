package gatefold.server.audience;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bundles and the whole discography, bought with test payments through a real server. */
class BundlesTest {

    private static final AtomicInteger FANS = new AtomicInteger();
    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);

    static String fan() {
        return "bundle-fan" + FANS.incrementAndGet() + "@example.com";
    }

    static JsonNode bundle(TestShop.Seller seller, Map<String, Object> fields) {
        Reply made = shop.api.post("/api/bundles", seller.token(), fields);
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        return made.json();
    }

    /** Starts a bundle checkout with test payments and pays; returns the checkout's answer. */
    static JsonNode buy(String bundleId, String email) {
        Reply started = shop.api.post("/checkout/bundle/" + bundleId, null, Map.of("email", email, "provider", "test"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        HttpResponse<String> paid = shop.send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(paid.statusCode()).isEqualTo(303);
        return started.json();
    }

    /** The artist's view of a fan's purchases, each with fresh download links. */
    static List<JsonNode> purchasesOf(TestShop.Seller seller, String email) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : shop.api.get("/api/purchases", seller.token()).json()) {
            if (p.path("email").asText().equals(email)) {
                out.add(shop.api.get("/api/purchases/" + p.path("id").asText(), seller.token()).json());
            }
        }
        return out;
    }

    @Test
    void buyingABundleGrantsEveryReleaseAndARefundEndsThemAll() {
        TestShop.Seller seller = shop.artist("Bundle Band");
        List<TestShop.Published> releases = List.of(shop.release(seller, "One", "fixed"), shop.release(seller, "Two", "fixed"),
                shop.release(seller, "Three", "fixed"));
        JsonNode made = bundle(seller, Map.of("title", "Box Set", "price", "15.00",
                "releaseIds", releases.stream().map(TestShop.Published::id).toList()));
        assertThat(made.path("worth").path("amount").asText()).isEqualTo("21.00");
        String email = fan();
        JsonNode started = buy(made.path("id").asText(), email);
        assertThat(started.path("amount").path("amount").asText()).isEqualTo("15.00");

        List<JsonNode> bought = purchasesOf(seller, email);
        assertThat(bought).hasSize(3).allMatch(p -> p.path("status").asText().equals("confirmed"));
        List<String> links = new ArrayList<>();
        for (TestShop.Published release : releases) {
            JsonNode purchase = bought.stream().filter(p -> p.path("releaseId").asText().equals(release.id())).findFirst().orElseThrow();
            String url = purchase.path("downloads").get(0).path("url").asText();
            assertThat(shop.download(url)).isEqualTo(release.bytes());
            links.add(url);
        }

        String paidId = started.path("id").asText();
        assertThat(shop.api.post("/api/purchases/" + paidId + "/refund", seller.token(), null).status()).isEqualTo(200);
        assertThat(purchasesOf(seller, email)).allMatch(p -> p.path("status").asText().equals("refunded"));
        for (String url : links) {
            assertThat(shop.sendBytes(HttpRequest.newBuilder(URI.create(url))).statusCode()).isEqualTo(410);
        }
    }

    @Test
    void aFanWhoOwnsPartPaysLessButNeverBelowTheMinimum() {
        TestShop.Seller seller = shop.artist("Discount Band");
        TestShop.Published a = shop.release(seller, "Owned", "fixed");
        TestShop.Published b = shop.release(seller, "New To Me", "fixed");
        TestShop.Published c = shop.release(seller, "Also New", "fixed");
        List<String> ids = List.of(a.id(), b.id(), c.id());
        String plain = bundle(seller, Map.of("title", "Plain", "price", "15.00", "releaseIds", ids)).path("id").asText();
        String floored = bundle(seller, Map.of("title", "Floored", "price", "15.00", "minPrice", "12.00", "releaseIds", ids))
                .path("id").asText();
        String email = fan();
        shop.buyWithTestPayment(a.id(), email);

        assertThat(shop.api.post("/checkout/bundle/" + floored, null, Map.of("email", email, "provider", "test"))
                .json().path("amount").path("amount").asText()).isEqualTo("12.00");
        JsonNode started = buy(plain, email);
        assertThat(started.path("amount").path("amount").asText()).isEqualTo("10.00");
        // One purchase per release: the one they owned is not given twice.
        List<JsonNode> confirmed = purchasesOf(seller, email).stream().filter(p -> p.path("status").asText().equals("confirmed"))
                .toList();
        assertThat(confirmed).extracting(p -> p.path("releaseId").asText()).containsExactlyInAnyOrder(a.id(), b.id(), c.id());

        Reply nothingLeft = shop.api.post("/checkout/bundle/" + plain, null, Map.of("email", email, "provider", "test"));
        assertThat(nothingLeft.status()).isEqualTo(409);
    }

    @Test
    void theDiscographyBoughtBeforeANewReleaseIncludesItOncePublished() {
        TestShop.Seller seller = shop.artist("Discography Band");
        shop.release(seller, "Early", "fixed");
        shop.release(seller, "Middle", "fixed");
        JsonNode made = bundle(seller, Map.of("title", "Everything", "discography", true, "discountPercent", 20));
        assertThat(made.path("price").path("amount").asText()).isEqualTo("11.20");
        assertThat(made.path("includesFuture").asBoolean()).isTrue();
        String email = fan();
        buy(made.path("id").asText(), email);
        assertThat(purchasesOf(seller, email)).hasSize(2);

        TestShop.Published later = shop.release(seller, "Later", "fixed");
        await().atMost(Duration.ofSeconds(15)).until(() -> purchasesOf(seller, email).size() == 3);
        JsonNode gift = purchasesOf(seller, email).stream().filter(p -> p.path("releaseId").asText().equals(later.id()))
                .findFirst().orElseThrow();
        assertThat(gift.path("source").asText()).isEqualTo("bundle");
        assertThat(shop.download(gift.path("downloads").get(0).path("url").asText())).isEqualTo(later.bytes());
        await().atMost(Duration.ofSeconds(10)).until(() -> shop.outboxFor(email).stream()
                .anyMatch(m -> m.path("subject").asText().equals("Your download: Later")));
        // New buyers of the discography get it too.
        assertThat(shop.api.get("/bundles/" + made.path("id").asText(), null).json().path("releases")).hasSize(3);
    }

    @Test
    void anArtistCanBundleOnlyTheirOwnPublishedReleases() {
        TestShop.Seller owner = shop.artist("Owner Band");
        TestShop.Seller thief = shop.artist("Thief Band");
        TestShop.Published theirs = shop.release(owner, "Not Yours", "fixed");
        TestShop.Published mine = shop.release(thief, "Mine", "fixed");
        Reply stolen = shop.api.post("/api/bundles", thief.token(), Map.of("title", "Stolen", "price", "1.00",
                "releaseIds", List.of(mine.id(), theirs.id())));
        assertThat(stolen.status()).isEqualTo(404);
        assertThat(shop.api.get("/api/bundles", thief.token()).json()).isEmpty();

        String draft = shop.api.newRelease(owner.token(), Map.of("title", "Draft", "kind", "other", "pricing", "free"));
        assertThat(shop.api.post("/api/bundles", owner.token(), Map.of("title", "Early", "price", "1.00",
                "releaseIds", List.of(theirs.id(), draft))).status()).isEqualTo(409);
        String real = bundle(owner, Map.of("title", "Real", "price", "5.00", "releaseIds", List.of(theirs.id()))).path("id").asText();
        assertThat(shop.api.get("/api/bundles/" + real, thief.token()).status()).isEqualTo(404);
        assertThat(shop.api.get("/api/bundles/" + real, owner.token()).status()).isEqualTo(200);
        assertThat(shop.api.post("/api/bundles", null, Map.of("title", "Anon", "price", "1.00",
                "releaseIds", List.of(theirs.id()))).status()).isEqualTo(401);
    }
}
