package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A fan buys: the server prices, test payments confirm, the receipt shows the downloads. */
class CheckoutTest {

    static TestServer server;
    static ApiClient api;
    static int counter;
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String token;
    byte[] bytes;

    // Started here, not as a static extension: CheckoutOnPostgresTest runs these tests again on PostgreSQL,
    // and a static field is made once, on H2, for both classes.
    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void newArtist() {
        counter++;
        token = api.newArtist("Seller " + counter, "seller" + counter + "@example.com").token();
        bytes = new byte[50_000];
        new Random(counter).nextBytes(bytes);
    }

    String publishedRelease(Map<String, Object> fields) {
        String id = api.newRelease(token, fields);
        assertThat(api.put("/api/releases/" + id + "/files/a.bin", token, HttpRequest.BodyPublishers.ofByteArray(bytes)).status())
                .isEqualTo(201);
        assertThat(api.post("/api/releases/" + id + "/publish", token, null).status()).isEqualTo(200);
        return id;
    }

    int purchaseCount() {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM purchases").mapTo(Integer.class).one());
    }

    Reply receipt(String url) {
        return api.exchange(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json"));
    }

    @Test
    void aFanPaysInTestModeAndTheReceiptHoldsWorkingDownloads() throws Exception {
        String release = publishedRelease(Map.of("title", "Tape", "kind", "other", "pricing", "fixed", "price", "7.00"));
        Reply started = api.post("/checkout/" + release, null, Map.of("email", "Fan@Example.com", "provider", "test"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        assertThat(started.text("status")).isEqualTo("pending");
        assertThat(started.json().path("amount").path("amount").asText()).isEqualTo("7.00");
        String receiptUrl = started.text("receiptUrl");
        assertThat(receipt(receiptUrl).text("status")).isEqualTo("pending");
        assertThat(receipt(receiptUrl).json().path("downloads")).isEmpty();

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("TEST MODE").contains("Pay (test mode)");
        HttpResponse<String> paid = http.send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(paid.statusCode()).isEqualTo(303);
        assertThat(paid.headers().firstValue("Location")).hasValue(receiptUrl);

        Reply done = receipt(receiptUrl);
        assertThat(done.text("status")).isEqualTo("confirmed");
        assertThat(done.text("email")).isEqualTo("fan@example.com");
        JsonNode download = done.json().path("downloads").get(0);
        HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(download.path("url").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(file.body()).isEqualTo(bytes);
        // Paying twice changes nothing.
        http.send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl"))).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(api.get("/api/purchases?release=" + release, token).json()).hasSize(1);
        HttpResponse<String> html = http.send(HttpRequest.newBuilder(URI.create(receiptUrl)).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(html.body()).contains("a.bin").contains("/d/");
    }

    @Test
    void aFormCheckoutRedirectsWith303() throws Exception {
        String release = publishedRelease(Map.of("title", "Form", "kind", "other", "pricing", "fixed", "price", "5.00"));
        HttpResponse<String> form = http.send(HttpRequest.newBuilder(URI.create(server.url("/checkout/" + release)))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.body()).contains("name=\"email\"").contains("Pay (test mode)");
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(server.url("/checkout/" + release)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("email=form%40example.com&provider=test")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).contains("/checkout/test/"));
    }

    @Test
    void freeAndZeroPayWhatYouWantConfirmAtOnce() {
        String free = publishedRelease(Map.of("title", "Gift", "kind", "other", "pricing", "free"));
        Reply got = api.post("/checkout/" + free, null, Map.of("email", "free@example.com"));
        assertThat(got.text("status")).isEqualTo("confirmed");
        assertThat(receipt(got.text("receiptUrl")).json().path("downloads")).hasSize(1);

        String pwyw = publishedRelease(Map.of("title", "Name Your Price", "kind", "other", "pricing", "pwyw", "minPrice", "0"));
        Reply zero = api.post("/checkout/" + pwyw, null, Map.of("email", "zero@example.com", "amount", "0"));
        assertThat(zero.text("status")).isEqualTo("confirmed");
        Reply generous = api.post("/checkout/" + pwyw, null, Map.of("email", "rich@example.com", "amount", "12.50", "provider", "test"));
        assertThat(generous.text("status")).isEqualTo("pending");
        assertThat(generous.json().path("amount").path("amount").asText()).isEqualTo("12.50");
    }

    @Test
    void tamperedAmountsAndCurrenciesAreRefusedAndChangeNothing() {
        String fixed = publishedRelease(Map.of("title", "Fixed", "kind", "other", "pricing", "fixed", "price", "7.00"));
        String pwyw = publishedRelease(Map.of("title", "PWYW", "kind", "other", "pricing", "pwyw", "minPrice", "3.00"));
        String free = publishedRelease(Map.of("title", "Free", "kind", "other", "pricing", "free"));
        int before = purchaseCount();
        assertThat(api.post("/checkout/" + fixed, null, Map.of("email", "a@example.com", "amount", "0.01", "provider", "test")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + fixed, null, Map.of("email", "a@example.com", "currency", "JPY", "provider", "test")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + pwyw, null, Map.of("email", "a@example.com", "amount", "2.99", "provider", "test")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + pwyw, null, Map.of("email", "a@example.com", "amount", "-5", "provider", "test")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + free, null, Map.of("email", "a@example.com", "amount", "1.00")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + fixed, null, Map.of("email", "not-an-email", "provider", "test")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + fixed, null, Map.of("email", "a@example.com", "provider", "paypal")).status()).isEqualTo(422);
        assertThat(api.post("/checkout/" + fixed, null, "{broken").status()).isEqualTo(400);
        assertThat(purchaseCount()).isEqualTo(before);
    }

    @Test
    void draftsAreNotForSale() {
        String draft = api.newRelease(token, Map.of("title", "Secret", "kind", "other", "pricing", "free"));
        assertThat(api.post("/checkout/" + draft, null, Map.of("email", "a@example.com")).status()).isEqualTo(404);
        assertThat(api.post("/checkout/rel_doesnotexist0000000000", null, Map.of("email", "a@example.com")).status()).isEqualTo(404);
    }

    @Test
    void discountCodesApplyWithinTheirWindowAndUses() {
        String release = publishedRelease(Map.of("title", "Sale", "kind", "other", "pricing", "fixed", "price", "10.00"));
        Reply code = api.post("/api/discounts", token, Map.of("code", "half", "percentOff", 50, "maxUses", 1));
        assertThat(code.status()).isEqualTo(201);
        assertThat(code.text("code")).isEqualTo("HALF");
        Reply discounted = api.post("/checkout/" + release, null, Map.of("email", "d@example.com", "discountCode", "half", "provider", "test"));
        assertThat(discounted.json().path("amount").path("amount").asText()).isEqualTo("5.00");
        Reply receipt = receipt(discounted.text("receiptUrl"));
        assertThat(receipt.json().path("listAmount").path("amount").asText()).isEqualTo("10.00");
        assertThat(receipt.text("discountCode")).isEqualTo("HALF");
        // Confirming spends the one use; the next fan pays full price or is refused the code.
        api.exchange(HttpRequest.newBuilder(URI.create(discounted.text("redirectUrl"))).POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(api.get("/api/discounts", token).json().get(0).path("uses").asInt()).isEqualTo(1);
        assertThat(api.post("/checkout/" + release, null, Map.of("email", "e@example.com", "discountCode", "HALF", "provider", "test"))
                .status()).isEqualTo(422);

        api.post("/api/discounts", token, Map.of("code", "LATER", "percentOff", 10, "startsAt", Instant.now().plusSeconds(3600).toString()));
        assertThat(api.post("/checkout/" + release, null, Map.of("email", "f@example.com", "discountCode", "later", "provider", "test"))
                .status()).isEqualTo(422);
        api.post("/api/discounts", token, Map.of("code", "FIVEOFF", "amountOff", Map.of("amount", "5.00", "currency", "EUR")));
        api.post("/api/discounts", token, Map.of("code", "ALLFREE", "percentOff", 100));
        Reply free = api.post("/checkout/" + release, null, Map.of("email", "g@example.com", "discountCode", "allfree"));
        assertThat(free.text("status")).isEqualTo("confirmed");
        assertThat(api.post("/api/discounts", token, Map.of("code", "x", "percentOff", 10)).status()).isEqualTo(422);
        assertThat(api.post("/api/discounts", token, Map.of("code", "BOTH", "percentOff", 10,
                "amountOff", Map.of("amount", "1.00", "currency", "EUR"))).status()).isEqualTo(422);
        assertThat(api.post("/api/discounts", token, Map.of("code", "HALF", "percentOff", 20)).status()).isEqualTo(409);
        String other = api.newArtist("Other " + counter, "other-seller" + counter + "@example.com").token();
        assertThat(api.get("/api/discounts", other).json()).isEmpty();
    }

    @Test
    void anArtistWithoutPaymentAccountsCannotTakePaidCheckoutsOnlineWithoutTestMode() {
        try (TestServer plain = TestServer.start()) {
            ApiClient client = new ApiClient(plain);
            String artist = client.newArtist("Offline", "offline@example.com").token();
            String id = client.newRelease(artist, Map.of("title", "Paid", "kind", "other", "pricing", "fixed", "price", "4.00"));
            client.put("/api/releases/" + id + "/files/a.bin", artist, HttpRequest.BodyPublishers.ofByteArray(new byte[10]));
            client.post("/api/releases/" + id + "/publish", artist, null);
            assertThat(client.post("/checkout/" + id, null, Map.of("email", "a@example.com")).status()).isEqualTo(409);
            assertThat(client.post("/checkout/" + id, null, Map.of("email", "a@example.com", "provider", "test")).status()).isEqualTo(409);
            assertThat(plain.get("/checkout/test/rcp_anything").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void paymentSecretsGoInButNeverComeOut() {
        Reply saved = api.send("PUT", "/api/me/payments", token, Map.of(
                "stripe", Map.of("secretKey", "sk_test_supersecretvalue1234", "webhookSecret", "whsec_anothersecret9876"),
                "btcpay", Map.of("url", "https://pay.example.com", "storeId", "store1", "apiKey", "btcpaykeyABCD",
                        "webhookSecret", "hooksecretWXYZ")));
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        assertThat(saved.body()).doesNotContain("supersecret").doesNotContain("anothersecret").doesNotContain("btcpaykey");
        assertThat(saved.json().path("stripe").path("secretKeyLast4").asText()).isEqualTo("1234");
        assertThat(saved.json().path("btcpay").path("apiKeyLast4").asText()).isEqualTo("ABCD");
        String stored = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT stripe_secret_key || btcpay_api_key || stripe_webhook_secret || btcpay_webhook_secret FROM payment_settings")
                .mapTo(String.class).list().toString());
        assertThat(stored).doesNotContain("supersecret").doesNotContain("btcpaykey").doesNotContain("anothersecret");
        // Updating the webhook secret alone keeps the stored key.
        Reply kept = api.send("PUT", "/api/me/payments", token, Map.of("stripe", Map.of("webhookSecret", "whsec_rotated5555")));
        assertThat(kept.json().path("stripe").path("secretKeyLast4").asText()).isEqualTo("1234");
        assertThat(kept.json().path("stripe").path("webhookSecretLast4").asText()).isEqualTo("5555");
        assertThat(api.send("PUT", "/api/me/payments", token, Map.of("btcpay", Map.of("url", "ftp://x", "storeId", "s",
                "apiKey", "k", "webhookSecret", "w"))).status()).isEqualTo(422);
        assertThat(api.get("/api/me/payments", null).status()).isEqualTo(401);
    }
}
