package gatefold.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Password guessing is slowed per account, per address and for the whole store, behind a
 * trusted proxy that says who is asking, and none of it locks an artist out of a place they
 * have signed in from before. (Every address here arrives as X-Forwarded-For from 127.0.0.1.)
 */
class SignInLimitsTest {

    static final String PASSWORD = "correct horse battery";
    @RegisterExtension
    static final TestServer server = TestServer.start(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32"));
    static final ApiClient api = new ApiClient(server);

    @BeforeEach
    void freshCounts() {
        server.gatefold.database().jdbi().useHandle(h -> h.execute("DELETE FROM login_failures"));
    }

    static Reply token(String from, String email, String password) {
        String body = "{\"email\":" + quote(email) + ",\"password\":" + quote(password) + "}";
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/tokens")))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json")
                .header("X-Forwarded-For", from));
    }

    static String quote(String s) {
        try {
            return ApiClient.JSON.writeValueAsString(s);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySpellingOfAnEmailCountsAgainstTheSameAccount() {
        api.newArtist("José Spelled", "josé@example.com");
        String decomposed = "jose\u0301@example.com";
        assertThat(token("198.51.100.1", " JOSE\u0301@Example.COM ", PASSWORD).status()).isEqualTo(201);
        List<String> spellings = List.of(" josé@example.com", "JOSÉ@EXAMPLE.COM", decomposed, "José@Example.com\t");
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            Reply wrong = token("203.0.113." + (10 + i), spellings.get(i % spellings.size()), "wrong password " + i);
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(401);
        }
        Reply locked = token("203.0.113.99", "josé@example.com", PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("message")).contains("emailed sign-in link");
        assertThat(locked.raw().headers().firstValue("Retry-After")).hasValue("900");
    }

    @Test
    void aStrangerWhoKnowsTheEmailCannotLockTheArtistOutOfPlacesTheyHaveSignedInFrom() {
        api.newArtist("Known Places", "known@example.com");
        assertThat(token("198.51.100.20", "known@example.com", PASSWORD).status()).isEqualTo(201);
        assertThat(token("2001:db8:20:1::5", "known@example.com", PASSWORD).status()).isEqualTo(201);
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT + 5; i++) {
            token("203.0.113." + (30 + i), "known@example.com", "guess " + i);
        }
        assertThat(token("203.0.113.77", "known@example.com", PASSWORD).status()).isEqualTo(429);
        assertThat(token("198.51.100.21", "known@example.com", PASSWORD).status()).isEqualTo(429);
        // At home, and on the same IPv6 network as before, the artist still gets in.
        assertThat(token("198.51.100.20", "known@example.com", PASSWORD).status()).isEqualTo(201);
        assertThat(token("2001:db8:20:1:aaaa::9", "known@example.com", PASSWORD).status()).isEqualTo(201);
        // A guesser at a known place is still limited, by that place's own count.
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            assertThat(token("198.51.100.20", "known@example.com", "guess at home " + i).status()).isEqualTo(401);
        }
        assertThat(token("198.51.100.20", "known@example.com", PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void aBotnetFillingTheStoresCountStopsNewPlacesButNotKnownOnes() throws Exception {
        api.newArtist("Steady", "steady@example.com");
        api.newArtist("Newcomer", "newcomer@example.com");
        assertThat(token("198.51.100.40", "steady@example.com", PASSWORD).status()).isEqualTo(201);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Reply>> sprayed = new ArrayList<>();
            for (int i = 0; i < LoginLimiter.PER_STORE; i++) {
                String from = "192.0.2." + (i % 250 + 1);
                String email = "victim" + i + "@example.com";
                sprayed.add(pool.submit(() -> token(from, email, "Summer2026!")));
            }
            for (Future<Reply> f : sprayed) {
                assertThat(f.get().status()).isIn(401, 429);
            }
        } finally {
            pool.shutdown();
        }
        Reply stopped = token("198.51.100.41", "newcomer@example.com", PASSWORD);
        assertThat(stopped.status()).isEqualTo(429);
        assertThat(token("198.51.100.40", "steady@example.com", PASSWORD).status()).isEqualTo(201);
    }

    @Test
    void neighboursOnOneIpv6NetworkShareAnAddressCount() {
        for (int i = 0; i < LoginLimiter.PER_ADDRESS; i++) {
            assertThat(token("2001:db8:77:1::" + Integer.toHexString(i + 1), "nobody" + i + "@example.com", "x").status())
                    .isEqualTo(401);
        }
        assertThat(token("2001:db8:77:1:ffff:ffff:ffff:ffff", "someone-else@example.com", "x").status()).isEqualTo(429);
        assertThat(token("2001:db8:77:2::1", "someone-else@example.com", "x").status()).isEqualTo(401);
    }

    @Test
    void guessingTheCurrentPasswordOfAProfileChangeIsLimitedLikeSignIns() {
        ApiClient.NewArtist artist = api.newArtist("Token Thief Victim", "victim-of-thief@example.com");
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            Reply wrong = api.patch("/api/me", artist.token(), Map.of("password", "a brand new password", "currentPassword", "guess " + i));
            assertThat(wrong.status()).isEqualTo(403);
        }
        Reply limited = api.patch("/api/me", artist.token(), Map.of("password", "a brand new password", "currentPassword", PASSWORD));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.raw().headers().firstValue("Retry-After")).isPresent();
        // The sign-in count is the same one.
        assertThat(token("198.51.100.60", "victim-of-thief@example.com", PASSWORD).status()).isEqualTo(429);
    }
}
