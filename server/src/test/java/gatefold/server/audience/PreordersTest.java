package gatefold.server.audience;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pre-orders: paid now, downloadable from the release date, opened once by the job whatever runs it. */
class PreordersTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestMail.smtpSettings(SMTP));
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    /** A fixed-price release with one file, dated {@code date}, then published. */
    static TestShop.Published dated(TestShop.Seller seller, String title, LocalDate date) {
        String id = shop.api.newRelease(seller.token(), Map.of("title", title, "kind", "other", "pricing", "fixed", "price", "5.00",
                "releaseDate", date.toString()));
        byte[] bytes = new byte[30_000];
        new Random(title.hashCode()).nextBytes(bytes);
        assertThat(shop.api.put("/api/releases/" + id + "/files/a.bin", seller.token(), HttpRequest.BodyPublishers.ofByteArray(bytes))
                .status()).isEqualTo(201);
        assertThat(shop.api.post("/api/releases/" + id + "/publish", seller.token(), null).status()).isEqualTo(200);
        return new TestShop.Published(id, bytes);
    }

    static JsonNode receipt(String url) {
        HttpResponse<String> res = shop.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET());
        assertThat(res.statusCode()).isEqualTo(200);
        try {
            return ApiClient.JSON.readTree(res.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static int openAt(Instant when) {
        return server.gatefold.services().audience().preorders().releaseDue(when);
    }

    @Test
    void aPreorderIsPaidNowAndDownloadableOnlyFromItsDate() throws Exception {
        TestShop.Seller seller = shop.artist("Preorder Band");
        String slug = shop.api.get("/api/me", seller.token()).text("slug");
        String follower = "preorder-follower@example.com";
        assertThat(shop.api.post("/api/followers/import", seller.token(), Map.of("emails", List.of(follower), "consent", true))
                .status()).isEqualTo(201);
        LocalDate day = today().plusDays(10);
        TestShop.Published release = dated(seller, "Coming Soon", day);
        // Followers hear that the pre-order is open.
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, follower, "Pre-order now: Coming Soon").size() == 1);
        assertThat(TestMail.text(TestMail.to(SMTP, follower, "Pre-order now").get(0))).contains(day.toString())
                .contains("/r/" + slug + "/");

        String first = shop.buyWithTestPayment(release.id(), "early1@example.com");
        String second = shop.buyWithTestPayment(release.id(), "early2@example.com");
        JsonNode paid = receipt(first);
        assertThat(paid.path("status").asText()).isEqualTo("confirmed");
        assertThat(paid.path("downloads")).isEmpty();
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id() + "' AND status = 'preordered'"))
                .isEqualTo(2);

        // The day before: nothing opens.
        assertThat(openAt(day.minusDays(1).atTime(23, 59).toInstant(ZoneOffset.UTC))).isZero();
        assertThat(receipt(first).path("downloads")).isEmpty();

        // On the day, two runs at once (two instances): each buyer opened once, in total.
        Instant morning = day.atTime(0, 1).toInstant(ZoneOffset.UTC);
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> openAt(morning));
        CompletableFuture<Integer> b = CompletableFuture.supplyAsync(() -> openAt(morning));
        assertThat(a.get() + b.get()).isEqualTo(2);
        assertThat(openAt(morning.plusSeconds(60))).isZero();

        for (String receiptUrl : List.of(first, second)) {
            JsonNode open = receipt(receiptUrl);
            assertThat(open.path("downloads")).hasSize(1);
            assertThat(shop.download(open.path("downloads").get(0).path("url").asText())).isEqualTo(release.bytes());
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, "early1@example.com", "Out now").size() == 1
                && TestMail.to(SMTP, "early2@example.com", "Out now").size() == 1);
        await().pollDelay(Duration.ofMillis(300)).until(() -> true);
        assertThat(TestMail.to(SMTP, "early1@example.com", "Out now")).hasSize(1);
        assertThat(TestMail.text(TestMail.to(SMTP, "early1@example.com", "Out now").get(0))).contains("/library");
    }

    @Test
    void movingTheDateTellsTheBuyersOnceAndOpensOnTheNewDay() {
        TestShop.Seller seller = shop.artist("Late Band");
        LocalDate day = today().plusDays(4);
        TestShop.Published release = dated(seller, "Running Late", day);
        String receiptUrl = shop.buyWithTestPayment(release.id(), "patient@example.com");
        LocalDate later = day.plusDays(7);
        assertThat(shop.api.patch("/api/releases/" + release.id(), seller.token(), Map.of("releaseDate", later.toString())).status())
                .isEqualTo(200);
        assertThat(shop.api.patch("/api/releases/" + release.id(), seller.token(), Map.of("title", "Running Late (Deluxe)"))
                .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, "patient@example.com", "New release date").size() == 1);
        assertThat(TestMail.text(TestMail.to(SMTP, "patient@example.com", "New release date").get(0))).contains(later.toString());

        assertThat(openAt(day.atStartOfDay().toInstant(ZoneOffset.UTC))).isZero();
        assertThat(receipt(receiptUrl).path("downloads")).isEmpty();
        assertThat(openAt(later.atStartOfDay().toInstant(ZoneOffset.UTC))).isEqualTo(1);
        assertThat(receipt(receiptUrl).path("downloads")).hasSize(1);
        assertThat(TestMail.to(SMTP, "patient@example.com", "New release date")).hasSize(1);
    }

    @Test
    void aRefundedPreorderNeverOpens() {
        TestShop.Seller seller = shop.artist("Refund Preorder Band");
        LocalDate day = today().plusDays(3);
        TestShop.Published release = dated(seller, "Changed My Mind", day);
        String receiptUrl = shop.buyWithTestPayment(release.id(), "regret@example.com");
        String purchaseId = receipt(receiptUrl).path("id").asText();
        assertThat(shop.api.post("/api/purchases/" + purchaseId + "/refund", seller.token(), null).status()).isEqualTo(200);
        openAt(day.atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(receipt(receiptUrl).path("downloads")).isEmpty();
        assertThat(shop.count("SELECT COUNT(*) FROM entitlements WHERE release_id = '" + release.id() + "' AND status = 'refunded'"))
                .isEqualTo(1);
    }

    @Test
    void aReleaseDatedTodayOrEarlierIsNoPreorderAndTheOpeningJobIsScheduled() {
        TestShop.Seller seller = shop.artist("Out Today Band");
        TestShop.Published release = dated(seller, "Out Today", today());
        String receiptUrl = shop.buyWithTestPayment(release.id(), "today@example.com");
        assertThat(receipt(receiptUrl).path("downloads")).hasSize(1);
        assertThat(server.gatefold.services().jobs().byKeyPrefix("every"))
                .anyMatch(j -> j.kind().equals(PreorderOpening.KIND.name()) && j.repeatEveryMs() == PreorderOpening.EVERY.toMillis());
    }
}
