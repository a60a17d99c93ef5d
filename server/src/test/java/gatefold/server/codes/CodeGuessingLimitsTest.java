package gatefold.server.codes;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Code guessing behind a trusted proxy: each address bucket has its share, and the store as a
 * whole has a ceiling, so a botnet cannot guess at the rate of its address count.
 */
class CodeGuessingLimitsTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32"));
    static final TestShop shop = new TestShop(server);
    static String realCode;

    @BeforeAll
    static void start() {
        TestShop.Seller seller = shop.artist("Guarded Codes");
        TestShop.Published release = shop.release(seller, "Behind A Code", "fixed");
        Reply made = shop.api.post("/api/releases/" + release.id() + "/codes", seller.token(), Map.of("count", 5));
        realCode = made.json().get(0).path("code").asText();
    }

    @BeforeEach
    void freshCounts() {
        shop.execute("DELETE FROM download_code_failures");
    }

    static Reply redeem(String from, String code) {
        return shop.api.exchange(HttpRequest.newBuilder(URI.create(server.url("/redeem")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"code\":\"" + code + "\",\"email\":\"fan-" + from.replace(':', '-')
                        + "@example.com\"}"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", from));
    }

    @Test
    void aBotnetStopsAtTheStoresCeilingWhateverItsAddressCount() {
        for (int i = 0; i < GuessLimiter.PER_STORE; i++) {
            assertThat(redeem("100.64." + (i / 200) + "." + (i % 200 + 1), "ZZZZ-ZZZZ").status()).isEqualTo(404);
        }
        assertThat(redeem("100.65.0.1", "ZZZZ-ZZZZ").status()).isEqualTo(429);
        assertThat(redeem("198.51.100.200", realCode).status()).isEqualTo(429);
        shop.execute("DELETE FROM download_code_failures");
        assertThat(redeem("198.51.100.200", realCode).status()).isEqualTo(201);
    }

    @Test
    void anIpv4AddressWrittenAsIpv6AndNeighboursInOneSlash64ShareTheirCount() {
        for (int i = 0; i < GuessLimiter.PER_ADDRESS; i++) {
            assertThat(redeem(i % 2 == 0 ? "198.51.100.9" : "::ffff:198.51.100.9", "ZZZZ-ZZZZ").status()).isEqualTo(404);
            assertThat(redeem("2001:db8:9:9::" + Integer.toHexString(i + 1), "ZZZZ-ZZZZ").status()).isEqualTo(404);
        }
        assertThat(redeem("[::ffff:198.51.100.9]:4242", "ZZZZ-ZZZZ").status()).isEqualTo(429);
        assertThat(redeem("198.51.100.9", realCode).status()).isEqualTo(429);
        assertThat(redeem("2001:db8:9:9:ffff::1", realCode).status()).isEqualTo(429);
        assertThat(redeem("198.51.100.10", "ZZZZ-ZZZZ").status()).isEqualTo(404);
        assertThat(redeem("2001:db8:9:a::1", "ZZZZ-ZZZZ").status()).isEqualTo(404);
    }
}
