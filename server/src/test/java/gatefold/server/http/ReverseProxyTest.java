package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.HttpFrom;
import gatefold.server.Nginx;
import gatefold.server.TestServer;
import gatefold.server.accounts.LoginLimiter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Behind a real nginx, two clients on different addresses (127.0.0.2 and 127.0.0.3, both
 * this machine) are two clients to the limits when nginx is trusted, and one client (nginx
 * itself) when it is not. Whatever a client writes into X-Forwarded-For, nginx appends the
 * address it really came from, and that is the one counted.
 */
class ReverseProxyTest {

    static final String PASSWORD = "correct horse battery";
    static final HttpFrom HAMMER = HttpFrom.address("127.0.0.2");
    static final HttpFrom ARTIST = HttpFrom.address("127.0.0.3");

    static HttpFrom.Answer token(HttpFrom client, Nginx nginx, String email, String password, String... headers) {
        return client.postJson(nginx.port(), "/api/tokens", "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", headers);
    }

    /** One client fails sign-ins until the address limit answers 429, forging a different X-Forwarded-For each time. */
    static void hammer(Nginx nginx) {
        for (int i = 0; i < LoginLimiter.PER_ADDRESS; i++) {
            HttpFrom.Answer wrong = token(HAMMER, nginx, "guess" + i + "@example.com", "nope", "X-Forwarded-For", "198.51.100." + i);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        HttpFrom.Answer stopped = token(HAMMER, nginx, "guess-more@example.com", "nope", "X-Forwarded-For", "203.0.113.7");
        assertThat(stopped.status()).isEqualTo(429);
        assertThat(stopped.all("Retry-After")).isNotEmpty();
    }

    @Test
    void behindATrustedNginxOneClientHammeringSignInsDoesNotStopAnother() {
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32"));
             Nginx nginx = Nginx.reverseProxy(server.gatefold.port())) {
            new ApiClient(server).newArtist("Proxied Artist", "proxied@example.com");
            hammer(nginx);
            HttpFrom.Answer artist = token(ARTIST, nginx, "proxied@example.com", PASSWORD);
            assertThat(artist.status()).as(artist.toString() + nginx.log("error.log")).isEqualTo(201);

            // nginx says http, so a forged X-Forwarded-Proto makes no cookie Secure.
            HttpFrom.Answer page = ARTIST.get(nginx.port(), "/dashboard/signin", "X-Forwarded-Proto", "https");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.all("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("gatefold_form=").doesNotContain("Secure"));
        }
    }

    @Test
    void withoutTheTrustSettingEveryoneBehindNginxIsNginx() {
        try (TestServer server = TestServer.start();
             Nginx nginx = Nginx.reverseProxy(server.gatefold.port())) {
            new ApiClient(server).newArtist("Unproxied Artist", "unproxied@example.com");
            hammer(nginx);
            assertThat(token(ARTIST, nginx, "unproxied@example.com", PASSWORD).status()).isEqualTo(429);
        }
    }
}
