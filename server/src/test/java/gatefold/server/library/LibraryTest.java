package gatefold.server.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fan signs in to their library by a link sent by email and finds every purchase with working links. */
class LibraryTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withPerMethodLifecycle(false);
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true",
                "GATEFOLD_SMTP_HOST", "127.0.0.1",
                "GATEFOLD_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "GATEFOLD_SMTP_FROM", "shop@example.com",
                "GATEFOLD_SMTP_STARTTLS", "false"));
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshLimits() throws Exception {
        shop.execute("DELETE FROM library_link_requests");
        SMTP.purgeEmailFromAllMailboxes();
    }

    /** A fan who bought the release, once their receipt has arrived (and been cleared away). */
    TestShop.Published bought(String email, String title) throws Exception {
        TestShop.Seller seller = shop.artist("Library Band");
        TestShop.Published release = shop.release(seller, title, "fixed");
        shop.buyWithTestPayment(release.id(), email);
        await().atMost(Duration.ofSeconds(10)).until(() -> mails(email, "Your download").size() == 1);
        SMTP.purgeEmailFromAllMailboxes();
        return release;
    }

    static List<MimeMessage> mails(String address, String subjectStart) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().startsWith(subjectStart) && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static String signInLinkFor(String email) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> mails(email, "Your sign-in link").size() == 1);
        String text = (String) mails(email, "Your sign-in link").get(0).getContent();
        Matcher m = Pattern.compile("https?://\\S+/library/signin/\\S+").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group();
    }

    Reply askForLink(String email) {
        return shop.api.post("/library", null, Map.of("email", email));
    }

    /** Follows a sign-in link; returns the session cookie. */
    String signIn(String link) {
        HttpResponse<String> res = SignInLinks.follow(shop::send, local(link));
        assertThat(res.statusCode()).as(res.body()).isEqualTo(303);
        assertThat(res.headers().firstValue("Location")).hasValue("/library");
        String cookie = res.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_library=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").contains("Path=/library").doesNotContain("Secure");
        return cookie.substring(0, cookie.indexOf(';'));
    }

    URI local(String link) {
        return URI.create(server.url(URI.create(link).getPath()));
    }

    HttpResponse<String> library(String cookie, String accept) {
        return shop.send(HttpRequest.newBuilder(URI.create(server.url("/library"))).header("Cookie", cookie).header("Accept", accept));
    }

    @Test
    void askingForALinkAnswersTheSameWhetherOrNotTheEmailBoughtAnything() throws Exception {
        bought("reader@example.com", "Read Me");
        Reply forStranger = askForLink("stranger@example.com");
        Reply forReader = askForLink("Reader@Example.com");
        assertThat(forStranger.status()).isEqualTo(202);
        assertThat(forReader.status()).isEqualTo(202);
        assertThat(forReader.body()).isEqualTo(forStranger.body()).contains("If this email bought anything here");

        signInLinkFor("reader@example.com");
        // Links are prepared one after another, so the stranger's request was settled before the reader's mail went out.
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(mails("stranger@example.com", "")).isEmpty();
        assertThat(shop.count("SELECT COUNT(*) FROM library_signin_links WHERE email = 'stranger@example.com'")).isZero();
    }

    @Test
    void aSignInLinkOpensTheLibraryOnceWithFreshWorkingLinks() throws Exception {
        TestShop.Published first = bought("collector@example.com", "First <b>Album</b>");
        TestShop.Published second = bought("collector@example.com", "Second Album");
        askForLink("collector@example.com");
        String link = signInLinkFor("collector@example.com");
        String cookie = signIn(link);

        HttpResponse<String> json = library(cookie, "application/json");
        assertThat(json.statusCode()).isEqualTo(200);
        JsonNode body = ApiClient.JSON.readTree(json.body());
        assertThat(body.path("email").asText()).isEqualTo("collector@example.com");
        assertThat(body.path("purchases")).hasSize(2);
        for (JsonNode purchase : body.path("purchases")) {
            TestShop.Published release = purchase.path("releaseId").asText().equals(first.id()) ? first : second;
            assertThat(purchase.path("downloads")).hasSize(1);
            assertThat(shop.download(purchase.path("downloads").get(0).path("url").asText())).isEqualTo(release.bytes());
        }

        HttpResponse<String> html = library(cookie, "text/html");
        assertThat(html.body()).contains("First &lt;b&gt;Album&lt;/b&gt;").doesNotContain("<b>Album").contains("Second Album")
                .contains("/d/").contains("Sign out");
        assertThat(html.headers().firstValue("Cache-Control")).hasValue("no-store");

        HttpResponse<String> again = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "text/html"));
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("already used or has expired").contains("Ask for a new one").contains("name=\"email\"");
    }

    @Test
    void mailScannersOpeningALinkDoNotUseItUp() throws Exception {
        bought("scanned@example.com", "Scanned");
        askForLink("scanned@example.com");
        String link = signInLinkFor("scanned@example.com");
        for (String accept : List.of("*/*", "text/html", "application/json")) {
            HttpResponse<String> preview = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", accept));
            assertThat(preview.statusCode()).isEqualTo(200);
            assertThat(preview.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("gatefold_library="));
        }
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "text/html"));
        assertThat(page.body()).contains("Open my library").contains("method=\"post\"");
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        // A post without the form's token is refused and leaves the link unspent.
        HttpResponse<String> forged = shop.send(HttpRequest.newBuilder(local(link))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("csrf=x")));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("gatefold_library="));
        String cookie = signIn(link);
        assertThat(library(cookie, "application/json").statusCode()).isEqualTo(200);
        assertThat(shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "text/html")).statusCode()).isEqualTo(410);
    }

    @Test
    void aSignInLinkWorksForOnlyOneOfTwoBrowsersAtOnce() throws Exception {
        bought("racer@example.com", "Race");
        askForLink("racer@example.com");
        String link = signInLinkFor("racer@example.com");
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "text/html"));
        Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(field.find()).isTrue();
        String formCookie = page.headers().allValues("Set-Cookie").get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> tries = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Callable<Integer> press = () -> shop.send(HttpRequest.newBuilder(local(link))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Cookie", formCookie.substring(0, formCookie.indexOf(';')))
                        .POST(HttpRequest.BodyPublishers.ofString("csrf=" + field.group(1)))).statusCode();
                tries.add(pool.submit(press));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : tries) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsOnlyOnce(303).filteredOn(s -> s != 303).containsOnly(410);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anExpiredSignInLinkIsGone() throws Exception {
        bought("late@example.com", "Late");
        askForLink("late@example.com");
        String link = signInLinkFor("late@example.com");
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate(
                        "UPDATE library_signin_links SET expires_at = :past WHERE email = 'late@example.com'")
                .bind("past", Instant.now().minusSeconds(1)).execute());

        HttpResponse<String> res = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "text/html"));
        assertThat(res.statusCode()).isEqualTo(410);
        assertThat(res.body()).contains("Ask for a new one");
        HttpResponse<String> json = shop.send(HttpRequest.newBuilder(local(link)).header("Accept", "application/json"));
        assertThat(json.statusCode()).isEqualTo(410);
        assertThat(ApiClient.JSON.readTree(json.body()).path("error").asText()).isEqualTo("gone");
    }

    @Test
    void signingOutNeedsTheSessionsFormTokenAndEndsTheSession() throws Exception {
        bought("leaver@example.com", "Leaving");
        askForLink("leaver@example.com");
        String cookie = signIn(signInLinkFor("leaver@example.com"));
        String page = library(cookie, "text/html").body();
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();

        HttpResponse<String> forged = signOut(cookie, "csrf=forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(library(cookie, "application/json").statusCode()).isEqualTo(200);

        HttpResponse<String> out = signOut(cookie, "csrf=" + m.group(1));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).startsWith("gatefold_library=;").contains("Max-Age=0"));
        assertThat(library(cookie, "application/json").statusCode()).isEqualTo(401);
        assertThat(library(cookie, "text/html").body()).contains("Send me a sign-in link");
    }

    HttpResponse<String> signOut(String cookie, String form) {
        return shop.send(HttpRequest.newBuilder(URI.create(server.url("/library/signout"))).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    @Test
    void theFormNeedsItsTokenAndGivesTheSameAnswer() {
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(server.url("/library"))).header("Accept", "text/html"));
        assertThat(page.statusCode()).isEqualTo(200);
        String formCookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("gatefold_form=")).findFirst()
                .orElseThrow();
        assertThat(formCookie).contains("HttpOnly").contains("SameSite=Lax");
        Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(m.find()).isTrue();

        HttpResponse<String> noCookie = postForm(null, "csrf=" + m.group(1) + "&email=form%40example.com");
        assertThat(noCookie.statusCode()).isEqualTo(403);
        HttpResponse<String> ok = postForm(formCookie.substring(0, formCookie.indexOf(';')),
                "csrf=" + m.group(1) + "&email=form%40example.com");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("If this email bought anything here, a sign-in link is on its way");
    }

    HttpResponse<String> postForm(String cookie, String form) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/library")))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return shop.send(request);
    }

    @Test
    void askingTooOftenIsSlowedDownPerAddressAndPerEmail() {
        for (int i = 0; i < 5; i++) {
            assertThat(askForLink("same@example.com").status()).isEqualTo(202);
        }
        Reply sameEmail = askForLink("same@example.com");
        assertThat(sameEmail.status()).isEqualTo(429);
        assertThat(sameEmail.json().path("error").asText()).isEqualTo("too_many_requests");

        // The refused request was not counted: five admitted so far from this address, five more fill its ten.
        for (int i = 0; i < 5; i++) {
            assertThat(askForLink("other" + i + "@example.com").status()).isEqualTo(202);
        }
        Reply sameAddress = askForLink("yet-another@example.com");
        assertThat(sameAddress.status()).isEqualTo(429);
        assertThat(sameAddress.raw().headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void withoutASessionTheLibraryAsksToSignIn() {
        HttpResponse<String> json = library("gatefold_library=lib_unknown", "application/json");
        assertThat(json.statusCode()).isEqualTo(401);
        assertThat(json.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c).contains("Max-Age=0"));
        assertThat(shop.send(HttpRequest.newBuilder(URI.create(server.url("/library")))).body()).contains("Send me a sign-in link");
    }
}
