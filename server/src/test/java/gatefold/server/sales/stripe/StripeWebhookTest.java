package gatefold.server.sales.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.webhooks.Shop;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe's webhooks as they really arrive: duplicated, out of order, forged, stale, sent to
 * the wrong store, about payments we never saw, and disputes that open and close.
 */
class StripeWebhookTest {

    static final AtomicInteger COUNTER = new AtomicInteger();
    static FakeStripe stripe;
    static Shop shop;

    record Artist(Shop.Seller seller, String webhookSecret) {
        String slug() {
            return seller.slug();
        }
    }

    /** A checkout the fan has paid on Stripe's page, with the session as Stripe now describes it. */
    record Paid(Reply started, ObjectNode session) {
        String purchase() {
            return started.text("id");
        }

        String paymentIntent() {
            return session.path("payment_intent").asText();
        }
    }

    @BeforeAll
    static void start() {
        stripe = FakeStripe.start();
        shop = new Shop(Map.of(StripeOptions.API_BASE, stripe.apiBase()));
    }

    @AfterAll
    static void stop() {
        shop.close();
        stripe.close();
    }

    static Artist artist() {
        int n = COUNTER.incrementAndGet();
        String secret = "whsec_hooks" + n;
        return new Artist(shop.seller(Map.of("stripe", Map.of("secretKey", "sk_test_hooks" + n, "webhookSecret", secret))), secret);
    }

    static Paid paid(Artist artist) {
        Reply started = shop.checkout(artist.seller(), "stripe");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String url = started.text("redirectUrl");
        return new Paid(started, stripe.markPaid(url.substring(url.lastIndexOf('/') + 1)));
    }

    static Reply send(Artist signer, String slug, String payload) {
        return shop.webhook("stripe", slug, payload, "Stripe-Signature", StripeEvents.sign(payload, signer.webhookSecret()));
    }

    static Reply post(Artist artist, String type, ObjectNode object) {
        return send(artist, artist.slug(), StripeEvents.event(type, object));
    }

    @Test
    void aDuplicateEventChangesNothing() {
        Artist artist = artist();
        Paid paid = paid(artist);
        String completed = StripeEvents.event("checkout.session.completed", paid.session());
        assertThat(send(artist, artist.slug(), completed).status()).isEqualTo(200);
        String disputed = StripeEvents.event("charge.dispute.created", StripeEvents.dispute(paid.paymentIntent(), "needs_response"));
        assertThat(send(artist, artist.slug(), disputed).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("disputed");
        assertThat(post(artist, "charge.dispute.closed", StripeEvents.dispute(paid.paymentIntent(), "won")).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("confirmed");
        int events = shop.providerEvents("stripe");

        // Stripe delivers the dispute again: acted on once already, so the fan keeps the downloads.
        Reply again = send(artist, artist.slug(), disputed);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().path("duplicate").asBoolean()).isTrue();
        assertThat(send(artist, artist.slug(), completed).json().path("duplicate").asBoolean()).isTrue();
        assertThat(shop.status(paid.purchase())).isEqualTo("confirmed");
        assertThat(shop.providerEvents("stripe")).isEqualTo(events);
    }

    @Test
    void aRefundArrivingBeforeTheCompletionLeavesThePurchaseRefundedNeverConfirmed() {
        Artist artist = artist();
        Paid paid = paid(artist);
        ObjectNode charge = StripeEvents.charge(paid.paymentIntent(), paid.purchase(), 700, 700);
        assertThat(post(artist, "charge.refunded", charge).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("refunded");

        assertThat(post(artist, "checkout.session.completed", paid.session()).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("refunded");
        Reply receipt = shop.receipt(paid.started().text("receiptUrl"));
        assertThat(receipt.text("status")).isEqualTo("refunded");
        assertThat(receipt.json().path("downloads")).isEmpty();
        Integer entitlements = shop.server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM purchases WHERE id = :id AND entitlement_id IS NOT NULL")
                .bind("id", paid.purchase()).mapTo(Integer.class).one());
        assertThat(entitlements).isZero();
    }

    @Test
    void aRefundAfterTheSaleEndsTheLinksAndAPartialRefundDoesNot() {
        Artist artist = artist();
        Paid paid = paid(artist);
        assertThat(post(artist, "checkout.session.completed", paid.session()).status()).isEqualTo(200);
        String link = Shop.firstDownload(shop.receipt(paid.started().text("receiptUrl")));

        // Only the payment id names the purchase here: the charge carries no metadata.
        ObjectNode part = StripeEvents.charge(paid.paymentIntent(), paid.purchase(), 700, 300);
        part.putObject("metadata");
        assertThat(post(artist, "charge.refunded", part).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("confirmed");
        assertThat(shop.download(link).statusCode()).isEqualTo(200);

        ObjectNode whole = StripeEvents.charge(paid.paymentIntent(), paid.purchase(), 700, 700);
        whole.putObject("metadata");
        assertThat(post(artist, "charge.refunded", whole).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("refunded");
        assertThat(shop.download(link).statusCode()).isEqualTo(410);
    }

    @Test
    void forgedStaleAndUnsignedEventsAreRefusedAndWriteNothing() {
        Artist artist = artist();
        Paid paid = paid(artist);
        int events = shop.providerEvents("stripe");
        String payload = StripeEvents.event("checkout.session.completed", paid.session());

        Reply forged = shop.webhook("stripe", artist.slug(), payload, "Stripe-Signature", StripeEvents.sign(payload, "whsec_guessed"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.text("error")).isEqualTo("bad_request");
        Reply stale = shop.webhook("stripe", artist.slug(), payload, "Stripe-Signature",
                StripeEvents.sign(payload, artist.webhookSecret(), Instant.now().getEpochSecond() - 301));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(shop.webhook("stripe", artist.slug(), payload).status()).isEqualTo(400);
        assertThat(shop.webhook("stripe", artist.slug(), payload, "Stripe-Signature", "nonsense").status()).isEqualTo(400);
        // Signed over other bytes than those sent: one changed character is enough.
        String signed = StripeEvents.sign(payload, artist.webhookSecret());
        assertThat(shop.webhook("stripe", artist.slug(), payload.replace("\"paid\"", "\"paid\" "), "Stripe-Signature", signed)
                .status()).isEqualTo(400);
        assertThat(shop.webhook("stripe", "no-such-artist", payload, "Stripe-Signature", signed).status()).isEqualTo(400);

        assertThat(shop.providerEvents("stripe")).isEqualTo(events);
        assertThat(shop.status(paid.purchase())).isEqualTo("pending");
        // The genuine event, signed a moment ago, still works.
        assertThat(shop.webhook("stripe", artist.slug(), payload, "Stripe-Signature", signed).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("confirmed");
    }

    @Test
    void oneArtistsSecretCanNeitherPassAtAnotherStoreNorTouchItsPurchases() {
        Artist a = artist();
        Artist b = artist();
        Paid paidToB = paid(b);
        String eventId = "evt_test_" + UUID.randomUUID().toString().replace("-", "");
        String completed = StripeEvents.event(eventId, "checkout.session.completed", paidToB.session());
        int events = shop.providerEvents("stripe");

        // Signed with A's secret, posted at B's address: B's secret does not verify it.
        assertThat(send(a, b.slug(), completed).status()).isEqualTo(400);
        assertThat(shop.providerEvents("stripe")).isEqualTo(events);
        // Signed with A's secret at A's address, but naming B's purchase: ignored.
        assertThat(send(a, a.slug(), completed).status()).isEqualTo(200);
        assertThat(send(a, a.slug(), StripeEvents.event("charge.refunded",
                StripeEvents.charge(paidToB.paymentIntent(), paidToB.purchase(), 700, 700))).status()).isEqualTo(200);
        assertThat(shop.status(paidToB.purchase())).isEqualTo("pending");
        // A uses B's event id first, for a sale of A's own: that uses up the id at A's store only.
        Paid paidToA = paid(a);
        assertThat(send(a, a.slug(), StripeEvents.event(eventId, "checkout.session.completed", paidToA.session())).status())
                .isEqualTo(200);
        assertThat(shop.status(paidToA.purchase())).isEqualTo("confirmed");

        Reply genuine = send(b, b.slug(), completed);
        assertThat(genuine.status()).isEqualTo(200);
        assertThat(genuine.json().path("duplicate").asBoolean()).isFalse();
        assertThat(shop.status(paidToB.purchase())).isEqualTo("confirmed");
    }

    @Test
    void anEventNamingACheckoutOfThisStoreMustNameItsOwnSession() {
        Artist artist = artist();
        Paid paid = paid(artist);
        ObjectNode other = paid.session().deepCopy();
        other.put("id", "cs_test_someothersession");
        assertThat(post(artist, "checkout.session.completed", other).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("pending");
    }

    @Test
    void anEventAboutAPaymentThisServerNeverSawIsAcknowledgedAndChangesNothing() {
        Artist artist = artist();
        Paid paid = paid(artist);
        ObjectNode stranger = paid.session().deepCopy();
        stranger.put("id", "cs_test_fromanotherapp");
        stranger.put("client_reference_id", "order-1234");
        stranger.with("metadata").removeAll();
        assertThat(post(artist, "checkout.session.completed", stranger).status()).isEqualTo(200);
        assertThat(post(artist, "charge.refunded", StripeEvents.charge("pi_test_unknown", "pur_unknown", 500, 500)).status()).isEqualTo(200);
        assertThat(post(artist, "charge.dispute.created", StripeEvents.dispute("pi_test_unknown", "needs_response")).status()).isEqualTo(200);
        assertThat(post(artist, "customer.created", FakeStripe.JSON.createObjectNode().put("id", "cus_1")).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("pending");
    }

    @Test
    void aDisputeStopsTheLinksAndWinningItBringsThemBack() {
        Artist artist = artist();
        Paid paid = paid(artist);
        assertThat(post(artist, "checkout.session.completed", paid.session()).status()).isEqualTo(200);
        String link = Shop.firstDownload(shop.receipt(paid.started().text("receiptUrl")));
        assertThat(shop.download(link).statusCode()).isEqualTo(200);

        assertThat(post(artist, "charge.dispute.created", StripeEvents.dispute(paid.paymentIntent(), "needs_response")).status())
                .isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("disputed");
        assertThat(shop.download(link).statusCode()).isEqualTo(410);

        assertThat(post(artist, "charge.dispute.closed", StripeEvents.dispute(paid.paymentIntent(), "won")).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("confirmed");
        assertThat(shop.download(link).body()).isEqualTo(artist.seller().file());
    }

    @Test
    void aLostDisputeEndsThePurchaseForGood() {
        Artist artist = artist();
        Paid paid = paid(artist);
        assertThat(post(artist, "checkout.session.completed", paid.session()).status()).isEqualTo(200);
        String link = Shop.firstDownload(shop.receipt(paid.started().text("receiptUrl")));
        assertThat(post(artist, "charge.dispute.created", StripeEvents.dispute(paid.paymentIntent(), "needs_response")).status())
                .isEqualTo(200);
        assertThat(post(artist, "charge.dispute.closed", StripeEvents.dispute(paid.paymentIntent(), "lost")).status()).isEqualTo(200);
        assertThat(shop.status(paid.purchase())).isEqualTo("refunded");
        assertThat(shop.download(link).statusCode()).isEqualTo(410);
    }
}
