package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.accounts.LoginLimiter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The artist's ways in and out: an emailed link when a stranger has locked the account,
 * and a password change that signs out every other browser and lets the artist choose
 * whether API tokens stop too. The server sits behind a trusted proxy (127.0.0.1).
 */
class DashboardAccountTest {

    static final String PASSWORD = "correct horse battery";
    static TestServer server;
    static ApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32"));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String mailedLink(String to) {
        Pattern link = Pattern.compile("https?://\\S+(/dashboard/signin/link/\\S+)");
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            for (JsonNode mail : api.get("/api/admin/outbox", api.adminToken()).json()) {
                Matcher m = link.matcher(mail.path("body").asText());
                if (mail.path("to").asText().equals(to) && mail.path("subject").asText().contains("sign-in link") && m.find()) {
                    return m.group(1);
                }
            }
            return null;
        }, path -> path != null);
    }

    @Test
    void aLockedOutArtistSignsInWithAnEmailedLinkThatWorksOnce() {
        api.newArtist("Locked Out", "locked@example.com");
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            assertThat(new DashboardBrowser(server).from("203.0.113." + (i + 1)).signIn("locked@example.com", "guess " + i)
                    .statusCode()).isEqualTo(401);
        }
        DashboardBrowser artist = new DashboardBrowser(server).from("198.51.100.5");
        HttpResponse<String> refused = artist.signIn("locked@example.com", PASSWORD);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.body()).contains("emailed sign-in link").contains("Email me a sign-in link");

        HttpResponse<String> asked = artist.submit("/dashboard/signin", "/dashboard/signin/link", Map.of("email", " Locked@Example.com"));
        HttpResponse<String> askedForNobody = artist.submit("/dashboard/signin", "/dashboard/signin/link",
                Map.of("email", "not-an-artist@example.com"));
        assertThat(asked.statusCode()).isEqualTo(200);
        assertThat(asked.body()).contains("Check your email");
        assertThat(askedForNobody.statusCode()).isEqualTo(200);
        assertThat(askedForNobody.body()).isEqualTo(asked.body());

        String path = mailedLink("locked@example.com");
        HttpResponse<String> page = artist.get(path);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.body()).contains("action=\"" + path + "\"");
        assertThat(artist.get(path).statusCode()).as("opening it again does not spend it").isEqualTo(200);
        HttpResponse<String> signedIn = artist.submit(path, path, Map.of());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/dashboard");
        assertThat(artist.get("/dashboard").statusCode()).isEqualTo(200);

        DashboardBrowser other = new DashboardBrowser(server).from("198.51.100.6");
        assertThat(other.get(path).statusCode()).isEqualTo(410);
        HttpResponse<String> again = other.post(path, Map.of("csrf", DashboardBrowser.csrfOf(other.get("/dashboard/signin").body())));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(other.cookies).doesNotContainKey("gatefold_artist");

        // Where the link was used is a known place now: the password works there despite the lock.
        assertThat(new DashboardBrowser(server).from("198.51.100.5").signIn("locked@example.com", PASSWORD).statusCode())
                .isEqualTo(303);
    }

    @Test
    void askingForLinksIsLimitedPerEmail() {
        DashboardBrowser browser = new DashboardBrowser(server).from("198.51.100.70");
        for (int i = 0; i < 5; i++) {
            assertThat(browser.submit("/dashboard/signin", "/dashboard/signin/link", Map.of("email", "flood@example.com"))
                    .statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = browser.submit("/dashboard/signin", "/dashboard/signin/link", Map.of("email", "FLOOD@example.com"));
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("Too many sign-in links");
    }

    @Test
    void changingThePasswordSignsOutOtherBrowsersAndTheArtistChoosesAboutTokens() {
        ApiClient.NewArtist created = api.newArtist("Changer", "changer@example.com");
        Reply second = api.post("/api/tokens", null, Map.of("email", "changer@example.com", "password", PASSWORD));
        assertThat(second.status()).isEqualTo(201);
        DashboardBrowser here = new DashboardBrowser(server).from("198.51.100.80");
        DashboardBrowser there = new DashboardBrowser(server).from("198.51.100.81");
        assertThat(here.signIn("changer@example.com", PASSWORD).statusCode()).isEqualTo(303);
        assertThat(there.signIn("changer@example.com", PASSWORD).statusCode()).isEqualTo(303);

        HttpResponse<String> page = here.get("/dashboard/account");
        assertThat(page.body()).contains("2 API tokens work now").contains("name=\"revokeTokens\"");

        HttpResponse<String> wrong = here.submit("/dashboard/account", "/dashboard/account/password",
                Map.of("currentPassword", "not it", "password", "a much newer password"));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("not your current password");

        HttpResponse<String> changed = here.submit("/dashboard/account", "/dashboard/account/password",
                Map.of("currentPassword", PASSWORD, "password", "a much newer password"));
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("Your password is changed. 1 other browser was signed out.")
                .contains("2 API tokens work now");
        assertThat(there.get("/dashboard").statusCode()).isEqualTo(303);
        assertThat(here.get("/dashboard").statusCode()).isEqualTo(200);
        assertThat(api.get("/api/me", created.token()).status()).isEqualTo(200);

        HttpResponse<String> revoked = here.submit("/dashboard/account", "/dashboard/account/tokens/revoke", Map.of());
        assertThat(revoked.body()).contains("2 API tokens were revoked.").contains("No API token works now.");
        assertThat(api.get("/api/me", created.token()).status()).isEqualTo(401);
        assertThat(api.get("/api/me", second.text("apiToken")).status()).isEqualTo(401);
    }

    @Test
    void theApiSaysWhatAPasswordChangeEndedAndRevokesTokensOnlyWhenAsked() {
        ApiClient.NewArtist created = api.newArtist("Api Changer", "api-changer@example.com");
        String other = api.post("/api/tokens", null, Map.of("email", "api-changer@example.com", "password", PASSWORD)).text("apiToken");
        DashboardBrowser browser = new DashboardBrowser(server);
        assertThat(browser.signIn("api-changer@example.com", PASSWORD).statusCode()).isEqualTo(303);

        Reply changed = api.patch("/api/me", created.token(), Map.of("password", "another new password", "currentPassword", PASSWORD));
        assertThat(changed.status()).isEqualTo(200);
        JsonNode access = changed.json().path("access");
        assertThat(access.path("otherSessionsEnded").asInt()).isEqualTo(1);
        assertThat(access.path("tokensRevoked").asInt()).isZero();
        assertThat(access.path("otherLiveTokens").asInt()).isEqualTo(1);
        assertThat(access.path("ask").asText()).contains("\"revokeTokens\": true");
        assertThat(browser.get("/dashboard").statusCode()).isEqualTo(303);
        assertThat(api.get("/api/me", other).status()).isEqualTo(200);

        assertThat(api.patch("/api/me", created.token(), Map.of("revokeTokens", "yes")).status()).isEqualTo(422);
        Reply revoked = api.patch("/api/me", created.token(), Map.of("revokeTokens", true));
        assertThat(revoked.json().path("access").path("tokensRevoked").asInt()).isEqualTo(1);
        assertThat(revoked.json().path("access").path("otherLiveTokens").asInt()).isZero();
        assertThat(revoked.json().path("access").has("ask")).isFalse();
        assertThat(api.get("/api/me", other).status()).isEqualTo(401);
        assertThat(api.get("/api/me", created.token()).status()).isEqualTo(200);
    }

    @Test
    void cookiesAreSecureWhenTheTrustedProxySaysHttpsAndOnlyThen() {
        api.newArtist("Behind Tls", "behind-tls@example.com");
        HttpResponse<String> secure = new DashboardBrowser(server).overHttps().signIn("behind-tls@example.com", PASSWORD);
        assertThat(secure.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("gatefold_artist="))
                .singleElement().satisfies(c -> assertThat(c).contains("; Secure"));
        HttpResponse<String> plain = new DashboardBrowser(server).signIn("behind-tls@example.com", PASSWORD);
        assertThat(plain.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("gatefold_artist="))
                .singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure"));
        HttpResponse<String> library = server.send(HttpRequest.newBuilder(URI.create(server.url("/library"))),
                "X-Forwarded-Proto", "https");
        assertThat(library.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("gatefold_form=").contains("; Secure"));

        try (TestServer untrusting = TestServer.start()) {
            new ApiClient(untrusting).newArtist("Claims Tls", "claims-tls@example.com");
            HttpResponse<String> claimed = new DashboardBrowser(untrusting).overHttps().signIn("claims-tls@example.com", PASSWORD);
            assertThat(claimed.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("gatefold_artist="))
                    .singleElement().satisfies(c -> assertThat(c).doesNotContain("Secure"));
        }
    }
}
