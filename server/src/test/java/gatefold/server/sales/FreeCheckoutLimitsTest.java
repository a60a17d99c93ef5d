package gatefold.server.sales;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Free checkouts are throttled per address and per email, never per release: a free single
 * that goes viral serves every fan, while one address or one email hammering it is slowed.
 * The server sits behind a trusted proxy (127.0.0.1) that names each fan's address.
 */
class FreeCheckoutLimitsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32", "GATEFOLD_PAYMENTS_TEST", "true"));
    static final TestShop shop = new TestShop(server);

    static Reply checkout(String releaseId, String from, Map<String, String> fields) {
        try {
            return shop.api.exchange(HttpRequest.newBuilder(URI.create(server.url("/checkout/" + releaseId)))
                    .POST(HttpRequest.BodyPublishers.ofString(ApiClient.JSON.writeValueAsString(fields)))
                    .header("Content-Type", "application/json").header("X-Forwarded-For", from));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aViralFreeSingleServesTwoHundredFansFromTwoHundredAddresses() throws Exception {
        TestShop.Published single = shop.release(shop.artist("Viral"), "Everyone's Song", "free");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Reply>> fans = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String from = "100.64." + (i / 100) + "." + (i % 100 + 1);
                String email = "fan" + i + "@example.com";
                fans.add(pool.submit(() -> checkout(single.id(), from, Map.of("email", email))));
            }
            for (Future<Reply> fan : fans) {
                Reply got = fan.get();
                assertThat(got.status()).as(got.toString()).isEqualTo(201);
                assertThat(got.text("status")).isEqualTo("confirmed");
            }
        } finally {
            pool.shutdown();
        }
        assertThat(shop.count("SELECT COUNT(*) FROM purchases WHERE release_id = '" + single.id() + "' AND status = 'confirmed'"))
                .isEqualTo(200);
    }

    @Test
    void oneAddressHammeringFreeReleasesIsSlowedWhateverItAsksFor() {
        TestShop.Seller seller = shop.artist("Hammered");
        TestShop.Published free = shop.release(seller, "Free EP", "free");
        String pwyw = shop.api.newRelease(seller.token(), Map.of("title", "Name It", "kind", "other", "pricing", "pwyw", "minPrice", "0"));
        shop.api.put("/api/releases/" + pwyw + "/files/a.bin", seller.token(), HttpRequest.BodyPublishers.ofByteArray(new byte[100]));
        assertThat(shop.api.post("/api/releases/" + pwyw + "/publish", seller.token(), null).status()).isEqualTo(200);

        for (int i = 0; i < FreeCheckouts.PER_ADDRESS; i++) {
            assertThat(checkout(free.id(), "203.0.113.50", Map.of("email", "script" + i + "@example.com")).status()).isEqualTo(201);
        }
        Reply slowed = checkout(free.id(), "203.0.113.50", Map.of("email", "script-more@example.com"));
        assertThat(slowed.status()).isEqualTo(429);
        assertThat(slowed.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(checkout(pwyw, "::ffff:203.0.113.50", Map.of("email", "pwyw@example.com", "amount", "0")).status()).isEqualTo(429);
        HttpResponse<String> embedded = shop.send(HttpRequest.newBuilder(URI.create(server.url("/embed/checkout/" + free.id())))
                .POST(HttpRequest.BodyPublishers.ofString("email=embed%40example.com")).header("X-Forwarded-For", "203.0.113.50")
                .header("Content-Type", "application/x-www-form-urlencoded"));
        assertThat(embedded.statusCode()).isEqualTo(429);
        // Paying something is never throttled here; another address is not slowed by this one.
        assertThat(checkout(pwyw, "203.0.113.50", Map.of("email", "payer@example.com", "amount", "3.00", "provider", "test"))
                .status()).isEqualTo(201);
        assertThat(checkout(free.id(), "203.0.113.51", Map.of("email", "neighbour@example.com")).status()).isEqualTo(201);
    }

    @Test
    void oneEmailFromManyAddressesIsSlowedInAnySpelling() {
        TestShop.Published free = shop.release(shop.artist("Mailbombed"), "Free Album", "free");
        for (int i = 0; i < FreeCheckouts.PER_EMAIL; i++) {
            assertThat(checkout(free.id(), "192.0.2." + (i + 1), Map.of("email", "victim@example.com")).status()).isEqualTo(201);
        }
        assertThat(checkout(free.id(), "192.0.2.100", Map.of("email", " Victim@EXAMPLE.com")).status()).isEqualTo(429);
        assertThat(checkout(free.id(), "192.0.2.101", Map.of("email", "someone-else@example.com")).status()).isEqualTo(201);
    }
}
