package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signing in and out of the dashboard, the session cookie, and CSRF on forms and on cookie-authenticated API calls. */
class DashboardSignInTest {

    static TestServer server;
    static ApiClient api;
    static ApiClient.NewArtist artist;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        artist = api.newArtist("Nadia Reyes", "nadia@example.com");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void signingInSetsAHardenedSessionCookieAndSigningOutEndsTheSession() {
        DashboardBrowser browser = new DashboardBrowser(server);
        HttpResponse<String> signedIn = browser.signIn("nadia@example.com", "correct horse battery");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValue("/dashboard");
        String cookie = signedIn.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_artist="))
                .findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/").doesNotContain("Secure");
        assertThat(cookie.substring("gatefold_artist=".length(), cookie.indexOf(';'))).hasSize(43);

        HttpResponse<String> home = browser.get("/dashboard");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Nadia Reyes").contains("Releases");
        String session = browser.cookies.get("gatefold_artist");

        HttpResponse<String> out = browser.submit("/dashboard", "/dashboard/signout", Map.of());
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Location")).hasValue("/dashboard/signin");
        assertThat(browser.cookies).doesNotContainKey("gatefold_artist");

        // The old cookie value is dead on the server, not just forgotten by the browser.
        browser.cookies.put("gatefold_artist", session);
        HttpResponse<String> after = browser.get("/dashboard");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location").orElseThrow()).startsWith("/dashboard/signin");
    }

    @Test
    void theSessionCookieIsSecureWhenTheStoreIsServedOverHttps() {
        try (TestServer https = TestServer.start(Map.of("GATEFOLD_BASE_URL", "https://shop.example.com"))) {
            new ApiClient(https).newArtist("Secure Artist", "secure@example.com");
            HttpResponse<String> signedIn = new DashboardBrowser(https).signIn("secure@example.com", "correct horse battery");
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().allValues("Set-Cookie")).filteredOn(c -> c.startsWith("gatefold_artist="))
                    .singleElement().satisfies(c -> assertThat(c).contains("Secure").contains("HttpOnly").contains("SameSite=Lax"));
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownEmailGetTheSameFriendlyAnswer() {
        HttpResponse<String> wrong = new DashboardBrowser(server).signIn("nadia@example.com", "not the password");
        HttpResponse<String> unknown = new DashboardBrowser(server).signIn("nobody@example.com", "not the password");
        for (HttpResponse<String> res : java.util.List.of(wrong, unknown)) {
            assertThat(res.statusCode()).isEqualTo(401);
            assertThat(res.body()).contains("That email and password do not match an account here.");
            assertThat(res.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("gatefold_artist="));
        }
        assertThat(wrong.body()).contains("value=\"nadia@example.com\"").doesNotContain("not the password");
    }

    @Test
    void repeatedWrongPasswordsAreSlowedDownEvenWhenTheRightOneFollows() {
        api.newArtist("Guessed", "guessed@example.com");
        for (int i = 0; i < 10; i++) {
            assertThat(new DashboardBrowser(server).signIn("guessed@example.com", "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> limited = new DashboardBrowser(server).signIn("guessed@example.com", "correct horse battery");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        assertThat(limited.body()).contains("Too many failed sign-ins");
        assertThat(limited.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("gatefold_artist="));
    }

    @Test
    void theSignInFormItselfNeedsItsToken() {
        DashboardBrowser browser = new DashboardBrowser(server);
        browser.get("/dashboard/signin");
        HttpResponse<String> res = browser.post("/dashboard/signin",
                Map.of("email", "nadia@example.com", "password", "correct horse battery"));
        assertThat(res.statusCode()).isEqualTo(403);
        assertThat(browser.cookies).doesNotContainKey("gatefold_artist");
    }

    @Test
    void formPostsWithoutOrWithAWrongCsrfTokenAreRefusedAndChangeNothing() {
        String release = api.newRelease(artist.token(), Map.of("title", "Untouched", "kind", "music", "pricing", "free"));
        DashboardBrowser browser = new DashboardBrowser(server);
        browser.signIn("nadia@example.com", "correct horse battery");
        Map<String, String> edit = Map.of("title", "Changed", "kind", "music", "pricing", "free", "currency", "EUR");
        assertThat(browser.post("/dashboard/releases/" + release, edit).statusCode()).isEqualTo(403);
        Map<String, String> wrong = new java.util.HashMap<>(edit);
        wrong.put("csrf", "not-the-token");
        assertThat(browser.post("/dashboard/releases/" + release, wrong).statusCode()).isEqualTo(403);
        // Another session's token is no good either.
        DashboardBrowser other = new DashboardBrowser(server);
        other.signIn("nadia@example.com", "correct horse battery");
        wrong.put("csrf", DashboardBrowser.csrfOf(other.get("/dashboard").body()));
        assertThat(browser.post("/dashboard/releases/" + release, wrong).statusCode()).isEqualTo(403);
        assertThat(browser.post("/dashboard/releases/" + release + "/publish", Map.of()).statusCode()).isEqualTo(403);
        assertThat(api.get("/api/releases/" + release, artist.token()).text("title")).isEqualTo("Untouched");
    }

    @Test
    void theApiAcceptsTheSessionCookieButChangesNeedTheCsrfHeader() {
        String release = api.newRelease(artist.token(), Map.of("title", "Via Cookie", "kind", "music", "pricing", "free"));
        DashboardBrowser browser = new DashboardBrowser(server);
        browser.signIn("nadia@example.com", "correct horse battery");
        String cookie = "gatefold_artist=" + browser.cookies.get("gatefold_artist");
        String csrf = DashboardBrowser.csrfOf(browser.get("/dashboard").body());

        ApiClient.Reply read = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + release)))
                .header("Cookie", cookie).GET());
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("title")).isEqualTo("Via Cookie");

        ApiClient.Reply noHeader = api.exchange(patch(release, cookie, "{\"title\": \"Forged\"}"));
        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.text("error")).isEqualTo("forbidden");
        ApiClient.Reply wrongHeader = api.exchange(patch(release, cookie, "{\"title\": \"Forged\"}").header("X-CSRF-Token", "nope"));
        assertThat(wrongHeader.status()).isEqualTo(403);
        assertThat(api.get("/api/releases/" + release, artist.token()).text("title")).isEqualTo("Via Cookie");

        ApiClient.Reply withHeader = api.exchange(patch(release, cookie, "{\"title\": \"Renamed\"}").header("X-CSRF-Token", csrf));
        assertThat(withHeader.status()).isEqualTo(200);
        assertThat(api.get("/api/releases/" + release, artist.token()).text("title")).isEqualTo("Renamed");

        ApiClient.Reply dead = api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/releases")))
                .header("Cookie", "gatefold_artist=made-up").GET());
        assertThat(dead.status()).isEqualTo(401);
    }

    private static HttpRequest.Builder patch(String release, String cookie, String json) {
        return HttpRequest.newBuilder(URI.create(server.url("/api/releases/" + release)))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json").header("Cookie", cookie);
    }
}
