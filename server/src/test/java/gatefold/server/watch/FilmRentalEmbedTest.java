package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Renting a film from the embed card: the card shows the rent price and both windows beside
 * buying, its checkout rents at that price, and a discount code is refused for a rental (in
 * words) while it still applies to buying.
 */
class FilmRentalEmbedTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theEmbedCardRentsAFilmAtItsPriceAndDiscountCodesAreForBuying() throws Exception {
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"))) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Rental House", "rentals@example.com").token();
            String release = api.newRelease(token, Map.of("title", "For Hire", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "9.00", "currency", "EUR")));
            // A film with only its notes is enough to sell; no master means nothing to package.
            Path notes = Files.writeString(FilmFixtures.freshDir("rental-notes").resolve("notes.pdf"), "%PDF-1.4\n%%EOF\n");
            assertThat(api.put("/api/releases/" + release + "/files/notes.pdf", token, HttpRequest.BodyPublishers.ofFile(notes)).status())
                    .isEqualTo(201);
            String page = api.post("/api/releases/" + release + "/publish", token, null).text("url");
            String card = "/embed/r/" + page.substring(page.indexOf("/r/") + 3);
            assertThat(get(server, card).body()).doesNotContain("class=\"buy rent\"");

            Reply offer = api.send("PUT", "/api/releases/" + release + "/film", token, Map.of("rentPrice",
                    Map.of("amount", "3.00", "currency", "EUR"), "rentStartDays", 10, "rentWatchHours", 48));
            assertThat(offer.status()).as(offer.toString()).isEqualTo(200);
            String shown = get(server, card).body();
            assertThat(shown).contains("<p class=\"price\">9.00 EUR</p>")
                    .contains("Rent 3.00 EUR · 10 days to start, then 48 hours to finish")
                    .contains("href=\"/embed/checkout/" + release + "?option=rent\"");

            String form = get(server, "/embed/checkout/" + release + "?option=rent").body();
            assertThat(form).contains("<input type=\"hidden\" name=\"option\" value=\"rent\">").contains("Rent 3.00 EUR")
                    .doesNotContain("name=\"discountCode\"").doesNotContain("name=\"amount\"");
            HttpResponse<String> started = postForm(server, "/embed/checkout/" + release,
                    "email=renter%40example.com&option=rent&provider=test");
            assertThat(started.statusCode()).as(started.body()).isEqualTo(303);
            String pay = started.headers().firstValue("Location").orElseThrow();
            assertThat(pay).startsWith("/embed/pay/");
            HttpResponse<String> paid = postForm(server, pay, "");
            assertThat(paid.statusCode()).isEqualTo(303);
            assertThat(get(server, paid.headers().firstValue("Location").orElseThrow()).body()).contains("3.00");
            int rentals = server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(
                    "SELECT COUNT(*) FROM rentals r JOIN purchases p ON p.entitlement_id = r.entitlement_id WHERE p.email ="
                            + " 'renter@example.com' AND p.status = 'confirmed' AND r.watch_hours = 48").mapTo(Integer.class).one());
            assertThat(rentals).isEqualTo(1);

            // A code for this film halves buying it, and is refused, with the reason, for renting it.
            assertThat(api.post("/api/discounts", token, Map.of("code", "HALF", "percentOff", 50, "releaseId", release)).status())
                    .isEqualTo(201);
            HttpResponse<String> refused = postForm(server, "/embed/checkout/" + release,
                    "email=coded%40example.com&option=rent&provider=test&discountCode=HALF");
            assertThat(refused.statusCode()).isEqualTo(422);
            assertThat(refused.body()).contains("Discount codes are for buying").contains("name=\"option\" value=\"rent\"");
            Reply json = api.post("/checkout/" + release, null, Map.of("email", "coded@example.com", "rent", true,
                    "discountCode", "HALF", "provider", "test"));
            assertThat(json.status()).isEqualTo(422);
            assertThat(json.json().path("message").asText()).contains("a rental costs its one price");
            Reply bought = api.post("/checkout/" + release, null, Map.of("email", "coded@example.com", "discountCode", "HALF",
                    "provider", "test"));
            assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
            assertThat(bought.json().path("amount").path("amount").asText()).isEqualTo("4.50");
        }
    }

    private static HttpResponse<String> get(TestServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(TestServer server, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
