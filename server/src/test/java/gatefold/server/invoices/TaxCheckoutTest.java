package gatefold.server.invoices;

import static gatefold.server.invoices.TaxShop.rate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fans say where they live and the server splits the price by the artist's own rates; artists without taxes see none of it. */
class TaxCheckoutTest {

    static TaxShop shop;

    @BeforeAll
    static void start() {
        shop = new TaxShop(TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true")));
    }

    @AfterAll
    static void stop() {
        shop.server.close();
    }

    static TaxShop.Seller taxedArtist(boolean pricesIncludeTax) {
        TaxShop.Seller seller = shop.artist();
        assertThat(shop.profile(seller, Map.of("pricesIncludeTax", pricesIncludeTax)).status()).isEqualTo(200);
        shop.rates(seller, List.of(rate("DE", "19", "VAT"), rate("AT", "20", "USt"), rate("NL", "21", "BTW")));
        return seller;
    }

    static String html(String path, String acceptLanguage) {
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url(path)))
                .header("Accept", "text/html").header("Accept-Language", acceptLanguage));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        return page.body();
    }

    static List<String> fields(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void anArtistWithoutASellerProfileShowsNoTaxAnywhere() {
        TaxShop.Seller seller = shop.artist();
        String release = shop.release(seller, "9.99", null);
        assertThat(shop.api.get("/api/me/seller", seller.token()).json().toString()).isEqualTo("{\"legalName\":\"\",\"address\":\"\","
                + "\"taxId\":\"\",\"invoicePrefix\":\"INV\",\"invoices\":false,\"pricesIncludeTax\":true,\"stripeAutomaticTax\":false}");
        String checkoutPage = html("/checkout/" + release, "de-AT,de;q=0.9");
        String releasePath = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/releases/" + release))))
                .headers().firstValue("Location").orElseThrow();
        String releasePage = html(releasePath, "de-AT");
        for (String page : List.of(checkoutPage, releasePage)) {
            assertThat(page).doesNotContain("name=\"country\"").doesNotContain("VAT").doesNotContainIgnoringCase("tax")
                    .doesNotContain("invoice").doesNotContain("buyerName");
        }
        Reply started = shop.checkout(release, Map.of());
        assertThat(fields(started.json())).containsExactly("id", "status", "amount", "redirectUrl", "receiptUrl");
        JsonNode receipt = shop.pay(started);
        assertThat(fields(receipt)).containsExactly("id", "releaseId", "releaseTitle", "email", "amount", "listAmount", "discountCode",
                "status", "entitlement", "opensOn", "downloads", "albums", "streams", "receiptUrl", "libraryUrl");
        assertThat(receipt.path("amount").path("amount").asText()).isEqualTo("9.99");
        JsonNode purchase = shop.api.get("/api/purchases/" + receipt.path("id").asText(), seller.token()).json();
        assertThat(fields(purchase)).doesNotContain("tax", "invoice", "creditNote");
        String receiptPage = html("/receipts/" + receipt.path("receiptUrl").asText().replaceFirst(".*/receipts/", ""), "en");
        assertThat(receiptPage).doesNotContainIgnoringCase("tax").doesNotContain("invoice").doesNotContain("buyerName");
    }

    @Test
    void pricesIncludingTaxAreSplitForTheFansCountryAndRoundedHalfUpPerLine() {
        TaxShop.Seller seller = taxedArtist(true);
        String release = shop.release(seller, "9.99", null);
        // 9.99 × 19 / 119 = 1.595… → 1.60; 9.99 × 20 / 120 = 1.665 exactly → 1.67 (half-up); 9.99 × 21 / 121 = 1.733… → 1.73.
        assertSplit(shop.buy(release, Map.of("country", "DE")), "9.99", "8.39", "1.60", "DE", "19", "VAT");
        assertSplit(shop.buy(release, Map.of("country", "at")), "9.99", "8.32", "1.67", "AT", "20", "USt");
        assertSplit(shop.buy(release, Map.of("country", "NL")), "9.99", "8.26", "1.73", "NL", "21", "BTW");
        // A country the artist has no rate for pays no tax, and the purchase still says where the fan lives.
        assertSplit(shop.buy(release, Map.of("country", "US")), "9.99", "9.99", "0.00", "US", "0", "Tax");
        String cent = shop.release(seller, "0.01", null);
        assertSplit(shop.buy(cent, Map.of("country", "DE")), "0.01", "0.01", "0.00", "DE", "19", "VAT");
    }

    @Test
    void pricesExcludingTaxGetTheTaxAddedAndTheFanPaysTheTotal() {
        TaxShop.Seller seller = taxedArtist(false);
        String release = shop.release(seller, "9.99", null);
        // 9.99 × 19 % = 1.8981 → 1.90; 9.99 × 21 % = 2.0979 → 2.10; 0.01 × 19 % = 0.0019 → 0.00.
        Reply started = shop.checkout(release, Map.of("country", "DE"));
        assertThat(started.json().path("amount").path("amount").asText()).isEqualTo("11.89");
        assertThat(started.json().path("tax").path("tax").path("amount").asText()).isEqualTo("1.90");
        String payPage = shop.send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl")))).body();
        assertThat(payPage).contains("11.89 EUR");
        assertSplit(shop.pay(started), "11.89", "9.99", "1.90", "DE", "19", "VAT");
        assertSplit(shop.buy(release, Map.of("country", "NL")), "12.09", "9.99", "2.10", "NL", "21", "BTW");
        String cent = shop.release(seller, "0.01", null);
        assertSplit(shop.buy(cent, Map.of("country", "DE")), "0.01", "0.01", "0.00", "DE", "19", "VAT");
        // 0.50 × 1 % = 0.005 → 0.01 (half-up).
        shop.rates(seller, List.of(rate("DE", "1", "VAT")));
        String half = shop.release(seller, "0.50", null);
        assertSplit(shop.buy(half, Map.of("country", "DE")), "0.51", "0.50", "0.01", "DE", "1", "VAT");
    }

    @Test
    void payWhatYouWantTakesTheTypedAmountAsThePrice() {
        TaxShop.Seller inclusive = taxedArtist(true);
        String release = shop.release(inclusive, null, "1.00");
        assertSplit(shop.buy(release, Map.of("country", "DE", "amount", "10.00")), "10.00", "8.40", "1.60", "DE", "19", "VAT");
        TaxShop.Seller exclusive = taxedArtist(false);
        String net = shop.release(exclusive, null, "1.00");
        assertSplit(shop.buy(net, Map.of("country", "DE", "amount", "10.00")), "11.90", "10.00", "1.90", "DE", "19", "VAT");
        // The minimum is on the price, not on the total with tax.
        Reply low = shop.checkout(net, Map.of("country", "DE", "amount", "0.99"));
        assertThat(low.status()).isEqualTo(422);
    }

    @Test
    void aFanMustSayWhereTheyLiveAndTheSelectGuessesFromTheBrowsersRegion() {
        TaxShop.Seller seller = taxedArtist(true);
        String release = shop.release(seller, "7.00", null);
        Reply missing = shop.checkout(release, Map.of());
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.text("error")).isEqualTo("country_required");
        assertThat(shop.checkout(release, Map.of("country", "XX")).status()).isEqualTo(422);

        String page = html("/checkout/" + release, "de-AT,de;q=0.9,en;q=0.5");
        assertThat(page).contains("name=\"country\"").contains("<option value=\"AT\" selected>Austria</option>")
                .contains("Prices include tax at the rate of the country you live in.");
        assertThat(html("/checkout/" + release, "de,en;q=0.5")).contains("name=\"country\"").doesNotContain("selected>");

        // The release page's form has no select: the fan is asked on the checkout page, with what they typed kept.
        HttpResponse<String> asked = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/checkout/" + release)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "fr-BE")
                .POST(HttpRequest.BodyPublishers.ofString("email=fan%40example.com&provider=test")));
        assertThat(asked.statusCode()).isEqualTo(422);
        assertThat(asked.body()).contains("Choose the country you live in.").contains("value=\"fan@example.com\"")
                .contains("<option value=\"BE\" selected>Belgium</option>");
        HttpResponse<String> chosen = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/checkout/" + release)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=fan%40example.com&provider=test&country=AT")));
        assertThat(chosen.statusCode()).isEqualTo(303);
        assertThat(shop.send(HttpRequest.newBuilder(URI.create(chosen.headers().firstValue("Location").orElseThrow()))).body())
                .contains("7.00 EUR");
    }

    @Test
    void theEmbeddedCheckoutAsksTheCountryToo() {
        TaxShop.Seller seller = taxedArtist(false);
        String release = shop.release(seller, "10.00", null);
        String form = html("/embed/checkout/" + release, "nl-NL");
        assertThat(form).contains("name=\"country\"").contains("<option value=\"NL\" selected>Netherlands</option>");
        HttpResponse<String> refused = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/embed/checkout/" + release)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=fan%40example.com&provider=test")));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choose the country you live in");
        HttpResponse<String> started = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url("/embed/checkout/" + release)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=fan%40example.com&provider=test&country=NL")));
        assertThat(started.statusCode()).isEqualTo(303);
        String pay = shop.send(HttpRequest.newBuilder(URI.create(shop.server.url(started.headers().firstValue("Location")
                .orElseThrow())))).body();
        assertThat(pay).contains("12.10 EUR");
    }

    @Test
    void aSaleTheArtistRecordsWithACountryHasItsTaxTakenOutOfTheAmount() {
        TaxShop.Seller seller = taxedArtist(false);
        String release = shop.release(seller, "7.00", null);
        Reply recorded = shop.api.post("/api/releases/" + release + "/purchases", seller.token(),
                Map.of("email", "gig@example.com", "amount", "11.90", "country", "DE"));
        assertThat(recorded.status()).as(recorded.toString()).isEqualTo(201);
        assertThat(recorded.json().path("amount").path("amount").asText()).isEqualTo("11.90");
        assertThat(recorded.json().path("tax").path("net").path("amount").asText()).isEqualTo("10.00");
        assertThat(recorded.json().path("tax").path("tax").path("amount").asText()).isEqualTo("1.90");
    }

    static void assertSplit(JsonNode receipt, String total, String net, String tax, String country, String rate, String label) {
        assertThat(receipt.path("status").asText()).as(receipt.toString()).isEqualTo("confirmed");
        assertThat(receipt.path("amount").path("amount").asText()).isEqualTo(total);
        JsonNode split = receipt.path("tax");
        assertThat(split.path("net").path("amount").asText()).as(receipt.toString()).isEqualTo(net);
        assertThat(split.path("tax").path("amount").asText()).isEqualTo(tax);
        assertThat(split.path("country").asText()).isEqualTo(country);
        assertThat(split.path("rate").asText()).isEqualTo(rate);
        assertThat(split.path("label").asText()).isEqualTo(label);
    }
}
