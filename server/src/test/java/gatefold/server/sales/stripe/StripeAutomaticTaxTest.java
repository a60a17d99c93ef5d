package gatefold.server.sales.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.sales.webhooks.Shop;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Stripe Tax on the artist's own account: sessions ask for automatic tax, and what Stripe
 * charged (amount, buyer country, rate) lands on the purchase and its invoice, whether the
 * webhook or the receipt's question to Stripe confirms it.
 */
class StripeAutomaticTaxTest {

    static final String YEAR = Integer.toString(Year.now(ZoneOffset.UTC).getValue());
    static final AtomicInteger COUNTER = new AtomicInteger();
    static FakeStripe stripe;
    static Shop shop;

    record Artist(Shop.Seller seller, String webhookSecret) {
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

    static Artist artist(Map<String, Object> profile) {
        int n = COUNTER.incrementAndGet();
        String secret = "whsec_tax" + n;
        Shop.Seller seller = shop.seller(Map.of("stripe", Map.of("secretKey", "sk_test_taxed" + n + "abcd", "webhookSecret", secret)));
        Map<String, Object> body = new java.util.HashMap<>(Map.of("legalName", "Tape Club", "address", "Hafenstraße 9\n20359 Hamburg",
                "invoicePrefix", "ST" + n, "invoices", true));
        body.putAll(profile);
        assertThat(shop.api.send("PUT", "/api/me/seller", seller.token(), body).status()).isEqualTo(200);
        return new Artist(seller, secret);
    }

    static FakeStripe.Call created(String purchaseId) {
        return stripe.calls.stream().filter(c -> c.method().equals("POST") && purchaseId.equals(c.form().get("client_reference_id")))
                .findFirst().orElseThrow();
    }

    static String sessionId(Reply started) {
        String url = started.text("redirectUrl");
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void pricesIncludingTaxAreSplitByStripeAndTheWebhookRecordsTaxCountryAndRate() {
        Artist artist = artist(Map.of("pricesIncludeTax", true, "stripeAutomaticTax", true));
        // The artist's own rates are for other ways to pay: Stripe Tax needs no country from the fan.
        shop.api.send("PUT", "/api/me/tax-rates", artist.seller().token(), List.of(Map.of("country", "DE", "rate", "7")));
        Reply started = shop.api.post("/checkout/" + artist.seller().releaseId(), null, Map.of("email", "fan@example.com",
                "provider", "stripe"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.json().has("tax")).isFalse();
        assertThat(created(started.text("id")).form()).containsEntry("automatic_tax[enabled]", "true")
                .containsEntry("line_items[0][price_data][tax_behavior]", "inclusive")
                .containsEntry("line_items[0][price_data][unit_amount]", "700");

        ObjectNode paid = stripe.markPaidWithTax(sessionId(started), "DE", "19", "VAT");
        assertThat(paid.path("total_details").has("breakdown")).isFalse();
        String payload = StripeEvents.event("checkout.session.completed", paid);
        Reply hook = shop.webhook("stripe", artist.seller().slug(), payload, "Stripe-Signature",
                StripeEvents.sign(payload, artist.webhookSecret()));
        assertThat(hook.status()).as(hook.toString()).isEqualTo(200);
        // The webhook has no rate, so Stripe was asked for the session with its breakdown.
        assertThat(stripe.calls).anySatisfy(c -> {
            assertThat(c.method()).isEqualTo("GET");
            assertThat(c.path()).isEqualTo("/v1/checkout/sessions/" + sessionId(started));
            assertThat(c.form()).containsValue("total_details.breakdown");
        });
        JsonNode purchase = shop.api.get("/api/purchases/" + started.text("id"), artist.seller().token()).json();
        assertThat(purchase.path("status").asText()).isEqualTo("confirmed");
        // 7.00 × 19 / 119 = 1.1176… → 1.12 inside the price.
        assertTax(purchase, "7.00", "5.88", "1.12", "DE", "19", "VAT");
        assertThat(purchase.path("invoice").path("number").asText()).isEqualTo("ST" + COUNTER.get() + "-" + YEAR + "-00001");
    }

    @Test
    void pricesExcludingTaxGetStripesTaxOnTopAndTheReceiptsQuestionToStripeRecordsIt() {
        Artist artist = artist(Map.of("pricesIncludeTax", false, "stripeAutomaticTax", true));
        Reply started = shop.checkout(artist.seller(), "stripe");
        assertThat(created(started.text("id")).form()).containsEntry("automatic_tax[enabled]", "true")
                .containsEntry("line_items[0][price_data][tax_behavior]", "exclusive")
                .containsEntry("line_items[0][price_data][unit_amount]", "700");
        stripe.markPaidWithTax(sessionId(started), "FR", "20", "TVA");

        JsonNode receipt = shop.receipt(started.text("receiptUrl")).json();
        assertThat(receipt.path("status").asText()).isEqualTo("confirmed");
        assertTax(receipt, "8.40", "7.00", "1.40", "FR", "20", "TVA");
        assertThat(receipt.path("invoice").path("number").asText()).endsWith("-" + YEAR + "-00001");
        // A late webhook changes nothing.
        String payload = StripeEvents.event("checkout.session.completed", stripe.session(sessionId(started)));
        shop.webhook("stripe", artist.seller().slug(), payload, "Stripe-Signature", StripeEvents.sign(payload, artist.webhookSecret()));
        assertTax(shop.receipt(started.text("receiptUrl")).json(), "8.40", "7.00", "1.40", "FR", "20", "TVA");
    }

    @Test
    void withoutStripeTaxTheSessionCarriesTheServersTotalForTheFansCountry() {
        Artist artist = artist(Map.of("pricesIncludeTax", false));
        shop.api.send("PUT", "/api/me/tax-rates", artist.seller().token(), List.of(Map.of("country", "DE", "rate", "19")));
        assertThat(shop.checkout(artist.seller(), "stripe").text("error")).isEqualTo("country_required");
        Reply started = shop.api.post("/checkout/" + artist.seller().releaseId(), null, Map.of("email", "fan@example.com",
                "provider", "stripe", "country", "DE"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(created(started.text("id")).form()).doesNotContainKey("automatic_tax[enabled]")
                .doesNotContainKey("line_items[0][price_data][tax_behavior]")
                .containsEntry("line_items[0][price_data][unit_amount]", "833");
    }

    @Test
    void anArtistWithoutASellerProfileCreatesSessionsAsBefore() {
        int n = COUNTER.incrementAndGet();
        Shop.Seller seller = shop.seller(Map.of("stripe", Map.of("secretKey", "sk_test_plain" + n + "abcd", "webhookSecret", "whsec_p" + n)));
        Reply started = shop.checkout(seller, "stripe");
        assertThat(created(started.text("id")).form().keySet()).noneMatch(k -> k.contains("tax"));
    }

    static void assertTax(JsonNode purchase, String total, String net, String tax, String country, String rate, String label) {
        assertThat(purchase.path("amount").path("amount").asText()).as(purchase.toString()).isEqualTo(total);
        JsonNode split = purchase.path("tax");
        assertThat(split.path("net").path("amount").asText()).isEqualTo(net);
        assertThat(split.path("tax").path("amount").asText()).isEqualTo(tax);
        assertThat(split.path("country").asText()).isEqualTo(country);
        assertThat(split.path("rate").asText()).isEqualTo(rate);
        assertThat(split.path("label").asText()).isEqualTo(label);
    }
}
