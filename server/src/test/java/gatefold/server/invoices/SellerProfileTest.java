package gatefold.server.invoices;

import static gatefold.server.invoices.TaxShop.rate;
import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seller profile and tax rates an artist keeps through the API, including a CSV file of rates. */
class SellerProfileTest {

    static TaxShop shop;

    @BeforeAll
    static void start() {
        shop = new TaxShop(TestServer.start(Map.of()));
    }

    @AfterAll
    static void stop() {
        shop.server.close();
    }

    @Test
    void theProfileIsSavedAsGivenAndRefusedWhenItCannotMakeAnInvoice() {
        TaxShop.Seller seller = shop.artist();
        Reply saved = shop.profile(seller, Map.of("address", "  Line one \r\n\r\n Line two  ", "invoicePrefix", "GF-SHOP",
                "stripeAutomaticTax", true));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.json().path("address").asText()).isEqualTo("Line one\nLine two");
        assertThat(shop.api.get("/api/me/seller", seller.token()).json()).isEqualTo(saved.json());
        assertThat(saved.json().path("invoicePrefix").asText()).isEqualTo("GF-SHOP");
        assertThat(saved.json().path("stripeAutomaticTax").asBoolean()).isTrue();

        for (String prefix : List.of("GF/1", "-GF", "GF-", "ABCDEFGHIJKLM", "G F", "G\nF")) {
            Reply bad = shop.profile(seller, Map.of("invoicePrefix", prefix));
            assertThat(bad.status()).as(prefix).isEqualTo(422);
        }
        assertThat(shop.profile(seller, Map.of("legalName", "")).status()).isEqualTo(422);
        assertThat(shop.profile(seller, Map.of("address", "", "invoices", false)).status()).isEqualTo(200);
        assertThat(shop.profile(seller, Map.of("invoices", "yes")).status()).isEqualTo(422);
        assertThat(shop.api.send("PUT", "/api/me/seller", seller.token(), Map.of("vat", "x")).status()).isEqualTo(422);
        assertThat(shop.api.get("/api/me/seller", null).status()).isEqualTo(401);
    }

    @Test
    void ratesAreReplacedAsAWholeAndCheckedForm() {
        TaxShop.Seller seller = shop.artist();
        Reply saved = shop.rates(seller, List.of(rate("de", "19", "VAT"), Map.of("country", "CH", "rate", "8.1"),
                rate("US", "8.875", "Sales tax")));
        assertThat(saved.body()).isEqualTo("[{\"country\":\"CH\",\"rate\":\"8.1\",\"label\":\"VAT\"},"
                + "{\"country\":\"DE\",\"rate\":\"19\",\"label\":\"VAT\"},{\"country\":\"US\",\"rate\":\"8.875\",\"label\":\"Sales tax\"}]");
        assertThat(shop.api.get("/api/me/tax-rates", seller.token()).body()).isEqualTo(saved.body());
        for (Object bad : List.of(List.of(rate("XX", "19", "VAT")), List.of(rate("DE", "100", "VAT")), List.of(rate("DE", "-1", "VAT")),
                List.of(rate("DE", "19.12345", "VAT")), List.of(Map.of("country", "DE", "rate", 19)),
                List.of(rate("DE", "19", "VAT"), rate("DE", "7", "VAT")))) {
            assertThat(shop.api.send("PUT", "/api/me/tax-rates", seller.token(), bad).status()).as(bad.toString()).isEqualTo(422);
        }
        assertThat(shop.api.get("/api/me/tax-rates", seller.token()).body()).isEqualTo(saved.body());
        assertThat(shop.rates(seller, List.of()).body()).isEqualTo("[]");
    }

    @Test
    void aCsvFileReplacesTheRatesOrListsEveryBadLineAndChangesNothing() {
        TaxShop.Seller seller = shop.artist();
        shop.rates(seller, List.of(rate("DE", "19", "VAT")));
        Reply refused = csv(seller, "country,rate,label\nAT,20,USt\nXX,19,VAT\nFR,twenty,TVA\n\nBE,21\nAT,10,USt\nNL\n");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.text("message")).isEqualTo("4 line(s) could not be read; no rate was changed.");
        assertThat(refused.json().path("problems").toString()).contains("\"line 3: 'country': 'XX' is not a country code")
                .contains("\"line 4: The rate for FR must be a percentage").contains("\"line 7: AT is already on line 2\"")
                .contains("\"line 8: expected country,rate,label");
        assertThat(refused.json().path("problems")).hasSize(4);
        assertThat(shop.api.get("/api/me/tax-rates", seller.token()).body()).contains("\"DE\"").doesNotContain("\"AT\"");

        // A spreadsheet's export: a byte-order mark, semicolons, decimal commas, quotes and CRLF.
        Reply imported = csv(seller, "\uFEFFCountry;Rate;Label\r\nDE;19;MwSt\r\n\"AT\";\"20\";\"USt\"\r\nLU;16,5;\"T.V.A; reduced\"\r\n");
        assertThat(imported.status()).as(imported.toString()).isEqualTo(200);
        assertThat(imported.body()).isEqualTo("[{\"country\":\"AT\",\"rate\":\"20\",\"label\":\"USt\"},"
                + "{\"country\":\"DE\",\"rate\":\"19\",\"label\":\"MwSt\"},{\"country\":\"LU\",\"rate\":\"16.5\",\"label\":\"T.V.A; reduced\"}]");
        assertThat(csv(seller, "x".repeat(70_000)).status()).isEqualTo(413);
    }

    private static Reply csv(TaxShop.Seller seller, String text) {
        return shop.api.exchange(HttpRequest.newBuilder(URI.create(shop.server.url("/api/me/tax-rates.csv")))
                .header("Authorization", "Bearer " + seller.token()).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(text)));
    }
}
