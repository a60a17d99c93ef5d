package gatefold.server.sales.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.AbandonedCheckouts;
import gatefold.server.sales.webhooks.Shop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A discount code with a number of uses: a checkout holds one use from its start, spends it
 * when paid, and gives it back when it fails, expires or is abandoned, so a single-use code
 * goes to exactly one fan however many try at once.
 */
class DiscountUsesTest {

    static final String WEBHOOK_SECRET = "whsec_discount_uses";
    static FakeStripe stripe;
    static Shop shop;

    @BeforeAll
    static void start() {
        stripe = FakeStripe.start();
        shop = new Shop(Map.of(StripeOptions.API_BASE, stripe.apiBase(), "GATEFOLD_PAYMENTS_TEST", "true"));
    }

    @AfterAll
    static void stop() {
        shop.close();
        stripe.close();
    }

    static Shop.Seller seller(String secretKey) {
        return shop.seller(Map.of("stripe", Map.of("secretKey", secretKey, "webhookSecret", WEBHOOK_SECRET)));
    }

    static void singleUseCode(Shop.Seller seller) {
        Reply code = shop.api.post("/api/discounts", seller.token(), Map.of("code", "SOLO", "percentOff", 50, "maxUses", 1));
        assertThat(code.status()).isEqualTo(201);
    }

    static Reply checkout(Shop.Seller seller, String email, String provider) {
        return shop.api.post("/checkout/" + seller.releaseId(), null,
                Map.of("email", email, "provider", provider, "discountCode", "solo"));
    }

    static int uses(Shop.Seller seller) {
        return shop.api.get("/api/discounts", seller.token()).json().get(0).path("uses").asInt();
    }

    static String sessionId(Reply started) {
        String url = started.text("redirectUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static Reply event(Shop.Seller seller, String type, com.fasterxml.jackson.databind.node.ObjectNode session) {
        String payload = StripeEvents.event(type, session);
        return shop.webhook("stripe", seller.slug(), payload, "Stripe-Signature", StripeEvents.sign(payload, WEBHOOK_SECRET));
    }

    @Test
    void twentyCheckoutsAtOnceWithASingleUseCodeGiveItToExactlyOneFan() throws Exception {
        Shop.Seller seller = seller("sk_test_twenty0000");
        singleUseCode(seller);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Reply> replies = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Reply>> futures = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String email = "rush" + i + "@example.com";
                futures.add(pool.submit(() -> {
                    go.await();
                    return checkout(seller, email, "test");
                }));
            }
            go.countDown();
            for (Future<Reply> f : futures) {
                replies.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        List<Reply> started = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(started).hasSize(1);
        assertThat(started.get(0).json().path("amount").path("amount").asText()).isEqualTo("3.50");
        assertThat(replies).filteredOn(r -> r.status() != 201).hasSize(19)
                .allSatisfy(r -> assertThat(r.status()).as(r.toString()).isIn(409, 422));
        assertThat(uses(seller)).isEqualTo(1);

        // Paying spends the held use; it does not take a second one.
        shop.api.exchange(HttpRequest.newBuilder(URI.create(started.get(0).text("redirectUrl"))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(shop.status(started.get(0).text("id"))).isEqualTo("confirmed");
        assertThat(uses(seller)).isEqualTo(1);
        assertThat(checkout(seller, "late@example.com", "test").status()).isEqualTo(422);
    }

    @Test
    void aCheckoutThatFailsExpiresOrNeverReachesThePaymentPageGivesItsUseBack() {
        Shop.Seller seller = seller("sk_test_giveback0000");
        singleUseCode(seller);
        Reply first = checkout(seller, "first@example.com", "stripe");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(checkout(seller, "second@example.com", "stripe").status()).isEqualTo(422);

        assertThat(event(seller, "checkout.session.async_payment_failed", stripe.markCompletedUnpaid(sessionId(first))).status())
                .isEqualTo(200);
        assertThat(shop.status(first.text("id"))).isEqualTo("failed");
        assertThat(uses(seller)).isZero();

        Reply again = checkout(seller, "second@example.com", "stripe");
        assertThat(again.status()).isEqualTo(201);
        assertThat(event(seller, "checkout.session.expired", stripe.session(sessionId(again))).status()).isEqualTo(200);
        assertThat(uses(seller)).isZero();

        // Stripe refuses the artist's key: the fan never gets a payment page, and the use is not lost.
        Shop.Seller refused = seller("sk_live_refused0000");
        singleUseCode(refused);
        Reply broken = checkout(refused, "third@example.com", "stripe");
        assertThat(broken.status()).as(broken.toString()).isEqualTo(502);
        assertThat(uses(refused)).isZero();
    }

    @Test
    void checkoutsLeftPendingPastEveryProvidersLifetimeEndAndGiveTheirUsesBack() {
        AbandonedCheckouts sweep = shop.server.gatefold.services().sales().abandoned();
        Instant later = Instant.now().plus(AbandonedCheckouts.LIFETIME).plus(Duration.ofMinutes(5));

        Shop.Seller tester = seller("sk_test_sweeptest0000");
        singleUseCode(tester);
        Reply walkedAway = checkout(tester, "gone@example.com", "test");
        Shop.Seller open = seller("sk_test_sweepopen0000");
        singleUseCode(open);
        Reply neverPaid = checkout(open, "tab@example.com", "stripe");
        Shop.Seller slow = seller("sk_test_sweepslow0000");
        singleUseCode(slow);
        Reply bankDebit = checkout(slow, "debit@example.com", "stripe");
        stripe.markCompletedUnpaid(sessionId(bankDebit));
        Shop.Seller lost = seller("sk_test_sweeplost0000");
        singleUseCode(lost);
        Reply webhookLost = checkout(lost, "paid@example.com", "stripe");
        stripe.markPaid(sessionId(webhookLost));

        sweep.runOnce(Instant.now());
        assertThat(shop.status(walkedAway.text("id"))).isEqualTo("pending");
        assertThat(uses(tester)).isEqualTo(1);

        sweep.runOnce(later);
        assertThat(shop.status(walkedAway.text("id"))).isEqualTo("expired");
        assertThat(uses(tester)).isZero();
        assertThat(shop.status(neverPaid.text("id"))).isEqualTo("expired");
        assertThat(uses(open)).isZero();
        // A payment Stripe is still waiting for keeps its use; a paid one whose event was lost is confirmed.
        assertThat(shop.status(bankDebit.text("id"))).isEqualTo("pending");
        assertThat(uses(slow)).isEqualTo(1);
        assertThat(shop.status(webhookLost.text("id"))).isEqualTo("confirmed");
        assertThat(uses(lost)).isEqualTo(1);
        assertThat(checkout(tester, "next@example.com", "test").status()).isEqualTo(201);
    }
}
