package gatefold.server.sales.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.webhooks.Shop;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fan pays by card on the artist's own Stripe account; the signed webhook (or Stripe itself) confirms it. */
class StripeCheckoutTest {

    static final String PLATFORM_KEY = "sk_test_platform_0000";
    static final AtomicInteger COUNTER = new AtomicInteger();
    static FakeStripe stripe;
    static Shop shop;

    record Artist(Shop.Seller seller, String key, String webhookSecret) {
        String slug() {
            return seller.slug();
        }
    }

    @BeforeAll
    static void start() {
        stripe = FakeStripe.start();
        shop = new Shop(Map.of(StripeOptions.API_BASE, stripe.apiBase(), StripeOptions.PLATFORM_KEY, PLATFORM_KEY));
    }

    @AfterAll
    static void stop() {
        shop.close();
        stripe.close();
    }

    static Artist artist() {
        int n = COUNTER.incrementAndGet();
        String key = "sk_test_artistkey" + n + "abcd";
        String secret = "whsec_checkout" + n;
        return new Artist(shop.seller(Map.of("stripe", Map.of("secretKey", key, "webhookSecret", secret))), key, secret);
    }

    static String sessionId(Reply started) {
        String url = started.text("redirectUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static Reply post(Artist artist, String type, ObjectNode object) {
        String payload = StripeEvents.event(type, object);
        return shop.webhook("stripe", artist.slug(), payload, "Stripe-Signature", StripeEvents.sign(payload, artist.webhookSecret()));
    }

    @Test
    void aFanPaysByCardAndTheSignedWebhookConfirmsThePurchase() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "stripe");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.text("redirectUrl")).startsWith(stripe.apiBase() + "/c/pay/cs_test_");
        String purchase = started.text("id");

        FakeStripe.Call created = stripe.calls.stream()
                .filter(c -> c.method().equals("POST") && purchase.equals(c.form().get("client_reference_id"))).findFirst().orElseThrow();
        assertThat(created.apiKey()).isEqualTo(artist.key());
        assertThat(created.stripeAccount()).isNull();
        assertThat(created.form()).containsEntry("mode", "payment")
                .containsEntry("line_items[0][price_data][currency]", "eur")
                .containsEntry("line_items[0][price_data][unit_amount]", "700")
                .containsEntry("line_items[0][price_data][product_data][name]",
                        shop.api.get("/api/releases/" + artist.seller().releaseId(), artist.seller().token()).text("title"))
                .containsEntry("line_items[0][quantity]", "1")
                .containsEntry("customer_email", "fan@example.com")
                .containsEntry("metadata[purchase_id]", purchase)
                .containsEntry("metadata[artist_id]", artist.seller().id())
                .containsEntry("payment_intent_data[metadata][purchase_id]", purchase)
                .containsEntry("success_url", started.text("receiptUrl"));
        assertThat(created.form().get("cancel_url")).contains("/checkout/" + artist.seller().releaseId());

        ObjectNode paid = stripe.markPaid(sessionId(started));
        Reply hook = post(artist, "checkout.session.completed", paid);
        assertThat(hook.status()).as(hook.toString()).isEqualTo(200);
        assertThat(shop.status(purchase)).isEqualTo("confirmed");

        Reply receipt = shop.receipt(started.text("receiptUrl"));
        assertThat(receipt.text("status")).isEqualTo("confirmed");
        assertThat(shop.download(Shop.firstDownload(receipt)).body()).isEqualTo(artist.seller().file());
    }

    @Test
    void whenTheWebhookIsLateTheReceiptAsksStripeAndConfirmsOnlyWhatStripeSaysIsPaid() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "stripe");
        String session = sessionId(started);
        int events = shop.providerEvents("stripe");

        // The fan comes back to the receipt without paying: only Stripe's word counts, not the redirect.
        Reply unpaid = shop.receipt(started.text("receiptUrl"));
        assertThat(unpaid.text("status")).isEqualTo("pending");
        assertThat(unpaid.json().path("downloads")).isEmpty();
        assertThat(stripe.calls).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("GET");
            assertThat(c.path()).isEqualTo("/v1/checkout/sessions/" + session);
            assertThat(c.apiKey()).isEqualTo(artist.key());
        });

        stripe.markPaid(session);
        Reply paid = shop.receipt(started.text("receiptUrl"));
        assertThat(paid.text("status")).isEqualTo("confirmed");
        assertThat(shop.download(Shop.firstDownload(paid)).statusCode()).isEqualTo(200);
        assertThat(shop.providerEvents("stripe")).isEqualTo(events);
    }

    @Test
    void aCheckoutCompletedUnpaidWaitsForTheSlowPaymentToSucceed() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "stripe");
        String purchase = started.text("id");
        ObjectNode unpaid = stripe.markCompletedUnpaid(sessionId(started));
        assertThat(unpaid.path("payment_status").asText()).isEqualTo("unpaid");

        assertThat(post(artist, "checkout.session.completed", unpaid).status()).isEqualTo(200);
        assertThat(shop.status(purchase)).isEqualTo("pending");
        assertThat(shop.receipt(started.text("receiptUrl")).text("status")).isEqualTo("pending");

        ObjectNode succeeded = stripe.markPaid(sessionId(started));
        assertThat(post(artist, "checkout.session.async_payment_succeeded", succeeded).status()).isEqualTo(200);
        assertThat(shop.status(purchase)).isEqualTo("confirmed");
    }

    @Test
    void aFailedSlowPaymentEndsThePurchaseForGood() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "stripe");
        String purchase = started.text("id");
        ObjectNode unpaid = stripe.markCompletedUnpaid(sessionId(started));
        assertThat(post(artist, "checkout.session.completed", unpaid).status()).isEqualTo(200);

        assertThat(post(artist, "checkout.session.async_payment_failed", unpaid).status()).isEqualTo(200);
        assertThat(shop.status(purchase)).isEqualTo("failed");
        // A success arriving after the failure cannot bring it back.
        assertThat(post(artist, "checkout.session.async_payment_succeeded", stripe.markPaid(sessionId(started))).status()).isEqualTo(200);
        assertThat(shop.status(purchase)).isEqualTo("failed");
        Reply receipt = shop.receipt(started.text("receiptUrl"));
        assertThat(receipt.text("status")).isEqualTo("failed");
        assertThat(receipt.json().path("downloads")).isEmpty();
    }

    @Test
    void anExpiredCheckoutEndsThePurchase() {
        Artist artist = artist();
        Reply started = shop.checkout(artist.seller(), "stripe");
        assertThat(post(artist, "checkout.session.expired", stripe.session(sessionId(started))).status()).isEqualTo(200);
        assertThat(shop.status(started.text("id"))).isEqualTo("expired");
    }

    @Test
    void anArtistConnectedThroughThePlatformIsChargedWithThePlatformKeyOnTheirAccount() {
        int n = COUNTER.incrementAndGet();
        String account = "acct_test_connected" + n;
        String secret = "whsec_connect" + n;
        stripe.connect(PLATFORM_KEY, account);
        Shop.Seller seller = shop.seller(Map.of("stripe", Map.of("accountId", account, "webhookSecret", secret)));
        Reply started = shop.checkout(seller, "stripe");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        FakeStripe.Call created = stripe.calls.stream()
                .filter(c -> c.method().equals("POST") && started.text("id").equals(c.form().get("client_reference_id"))).findFirst().orElseThrow();
        assertThat(created.apiKey()).isEqualTo(PLATFORM_KEY);
        assertThat(created.stripeAccount()).isEqualTo(account);

        stripe.markPaid(sessionId(started));
        assertThat(shop.receipt(started.text("receiptUrl")).text("status")).isEqualTo("confirmed");
    }

    @Test
    void aConnectAccountIsAcceptedOnlyWhenStripeConfirmsItIsConnectedToThePlatform() throws Exception {
        int n = COUNTER.incrementAndGet();
        Shop.Seller someone = shop.seller(Map.of());
        // Someone else's account, never connected to this platform: Stripe says no, nothing is saved.
        ApiClient.Reply claimed = shop.api.send("PUT", "/api/me/payments", someone.token(),
                Map.of("stripe", Map.of("accountId", "acct_test_stranger" + n, "webhookSecret", "whsec_x" + n)));
        assertThat(claimed.status()).as(claimed.toString()).isEqualTo(422);
        assertThat(claimed.text("message")).contains("not connected");
        var stored = shop.api.get("/api/me/payments", someone.token()).json().path("stripe");
        assertThat(stored.isNull() || stored.isMissingNode()).as(stored.toString()).isTrue();
        // Without a platform key at all, a Connect account cannot be used.
        try (Shop plain = new Shop(Map.of(StripeOptions.API_BASE, stripe.apiBase()))) {
            Shop.Seller lonely = plain.seller(Map.of());
            ApiClient.Reply refused = plain.api.send("PUT", "/api/me/payments", lonely.token(),
                    Map.of("stripe", Map.of("accountId", "acct_test_lonely", "webhookSecret", "whsec_lonely")));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.text("message")).contains("no Stripe platform key");
        }
    }

    @Test
    void whenStripeDoesNotAnswerTheFanIsToldAndTheCheckoutEnds() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (Shop down = new Shop(Map.of(StripeOptions.API_BASE, "http://127.0.0.1:" + closedPort))) {
            Shop.Seller seller = down.seller(Map.of("stripe", Map.of("secretKey", "sk_test_nowhere", "webhookSecret", "whsec_nowhere")));
            Reply started = down.checkout(seller, "stripe");
            assertThat(started.status()).as(started.toString()).isEqualTo(503);
            assertThat(started.text("error")).isEqualTo("unavailable");
            assertThat(started.text("message")).contains("payment service is not answering");
            assertThat(started.body()).doesNotContain("sk_test_nowhere");
            List<String> purchases = down.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT status || '/' || COALESCE(provider_ref, 'none') FROM purchases").mapTo(String.class).list());
            // No payment page was ever shown, so nothing can be paid: the checkout ends (and gives back any discount use).
            assertThat(purchases).containsExactly("failed/none");
        }
    }

    @Test
    void aKeyStripeRefusesGivesAClearErrorAndNoRedirect() {
        int n = COUNTER.incrementAndGet();
        Shop.Seller seller = shop.seller(Map.of("stripe", Map.of("secretKey", "sk_live_revoked" + n, "webhookSecret", "whsec_revoked")));
        Reply started = shop.checkout(seller, "stripe");
        assertThat(started.status()).as(started.toString()).isEqualTo(502);
        assertThat(started.text("message")).contains("let the artist know");
        assertThat(started.body()).doesNotContain("sk_live_revoked");
    }

    @Test
    void stripeKeysGoInButOnlyTheirLastFourComeOutAndTheyAreSealedAtRest() {
        Artist artist = artist();
        Reply shown = shop.api.get("/api/me/payments", artist.seller().token());
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().path("stripe").path("secretKeyLast4").asText()).isEqualTo("abcd");
        assertThat(shown.json().path("stripe").path("webhookSecretLast4").asText())
                .isEqualTo(artist.webhookSecret().substring(artist.webhookSecret().length() - 4));
        assertThat(shown.body()).doesNotContain(artist.key()).doesNotContain(artist.webhookSecret());
        String stored = shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT stripe_secret_key || ' ' || stripe_webhook_secret FROM payment_settings WHERE artist_id = :a")
                .bind("a", artist.seller().id()).mapTo(String.class).one());
        assertThat(stored).doesNotContain(artist.key()).doesNotContain(artist.webhookSecret()).doesNotContain("sk_test");
    }
}
