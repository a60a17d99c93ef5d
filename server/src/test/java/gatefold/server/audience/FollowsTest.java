package gatefold.server.audience;

import gatefold.server.TestMail;
import static gatefold.server.TestMail.path;
import static gatefold.server.TestMail.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobState;
import gatefold.server.mail.TestShop;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Following an artist by email, through a real server and a real SMTP server. */
class FollowsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();
    private static final AtomicInteger FANS = new AtomicInteger();
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        // Loopback is a trusted proxy here, so a test can speak for other addresses through X-Forwarded-For.
        Map<String, String> settings = new java.util.HashMap<>(TestMail.smtpSettings(SMTP));
        settings.put("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32");
        server = TestServer.start(settings);
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String fan() {
        return "fan" + FANS.incrementAndGet() + "@example.com";
    }

    static String slug(TestShop.Seller seller) {
        return shop.api.get("/api/me", seller.token()).text("slug");
    }

    HttpResponse<String> form(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return shop.send(request);
    }

    /** Follows and confirms by the mailed link; returns the confirmation mail. */
    MimeMessage followAndConfirm(String slug, String email) {
        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", email)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email, "Confirm").size() == 1);
        MimeMessage confirmation = TestMail.to(SMTP, email, "Confirm").get(0);
        assertThat(form(path(confirmation, "follow/confirm"), "").statusCode()).isEqualTo(200);
        return confirmation;
    }

    void awaitAnnounced(String releaseId) {
        await().atMost(Duration.ofSeconds(15)).until(() -> server.gatefold.services().jobs().byKeyPrefix("release:" + releaseId)
                .stream().anyMatch(j -> j.state() == JobState.DONE));
    }

    JsonNode follower(TestShop.Seller seller, String email) {
        for (JsonNode f : shop.api.get("/api/followers", seller.token()).json()) {
            if (f.path("email").asText().equals(email)) {
                return f;
            }
        }
        return null;
    }

    @Test
    void nothingButTheConfirmationIsSentUntilTheFanClicksIt() throws Exception {
        TestShop.Seller seller = shop.artist("Opt In Band");
        String slug = slug(seller);
        String email = fan();
        HttpResponse<String> asked = form("/a/" + slug + "/follow", "email=" + email.replace("@", "%40"), "Accept", "text/html");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.body()).contains("Check your email");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email).size() == 1);
        MimeMessage confirmation = TestMail.to(SMTP, email).get(0);
        assertThat(confirmation.getHeader("List-Unsubscribe")).isNull();
        assertThat(follower(seller, email).path("state").asText()).isEqualTo("pending");

        // A release while pending: the fan hears nothing.
        TestShop.Published early = shop.release(seller, "Before Consent", "free");
        awaitAnnounced(early.id());
        assertThat(TestMail.to(SMTP, email)).hasSize(1);

        // Opening the link (as a mail scanner would) confirms nothing; pressing the button does.
        String confirm = path(confirmation, "follow/confirm");
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(server.url(confirm))).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<form method=\"post\"");
        assertThat(follower(seller, email).path("state").asText()).isEqualTo("pending");
        assertThat(form(confirm, "", "Accept", "text/html").statusCode()).isEqualTo(200);
        JsonNode following = follower(seller, email);
        assertThat(following.path("state").asText()).isEqualTo("following");
        assertThat(following.path("consentedAt").asText()).isNotEmpty();
        // The link is spent.
        assertThat(form(confirm, "").statusCode()).isEqualTo(404);

        TestShop.Published next = shop.release(seller, "After <Consent> & \"Quotes\"", "free");
        awaitAnnounced(next.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email, "After").size() == 1);
        MimeMessage news = TestMail.to(SMTP, email, "After").get(0);
        assertThat(news.getSubject()).contains("After <Consent> & \"Quotes\"");
        String leave = path(news, "unsubscribe");
        assertThat(news.getHeader("List-Unsubscribe")[0]).isEqualTo("<" + server.gatefold.publicUrl() + leave + ">");
        assertThat(news.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(text(news)).contains("/r/" + slug + "/");
    }

    @Test
    void theArtistPageAndTheCheckoutFormOfferFollowing() {
        TestShop.Seller seller = shop.artist("Form Band");
        String slug = slug(seller);
        TestShop.Published release = shop.release(seller, "Form Single", "free");
        String page = server.get("/a/" + slug).body();
        assertThat(page).contains("action=\"/a/" + slug + "/follow\"");
        String email = fan();
        assertThat(form("/a/" + slug + "/follow", "source=page&email=" + email.replace("@", "%40")).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email, "Confirm").size() == 1);

        String buyer = fan();
        assertThat(server.get("/checkout/" + release.id()).body()).contains("name=\"follow\"");
        HttpResponse<String> bought = form("/checkout/" + release.id(), "follow=on&email=" + buyer.replace("@", "%40"));
        assertThat(bought.statusCode()).isEqualTo(303);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, buyer, "Confirm").size() == 1);
        assertThat(follower(seller, buyer).path("source").asText()).isEqualTo("checkout");
    }

    @Test
    void anExpiredConfirmationLinkIsGoneAndAFreshRequestWorks() {
        TestShop.Seller seller = shop.artist("Slow Fan Band");
        String slug = slug(seller);
        String email = fan();
        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", email)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email).size() == 1);
        String confirm = path(TestMail.to(SMTP, email).get(0), "follow/confirm");
        server.gatefold.database().jdbi().useHandle(h -> h.createUpdate(
                "UPDATE followers SET confirm_expires = :past WHERE email = :email").bind("past", Instant.now().minusSeconds(1))
                .bind("email", email).execute());
        assertThat(form(confirm, "").statusCode()).isEqualTo(410);
        assertThat(follower(seller, email).path("state").asText()).isEqualTo("pending");

        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", email)).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email).size() == 2);
        assertThat(form(path(TestMail.to(SMTP, email).get(1), "follow/confirm"), "").statusCode()).isEqualTo(200);
        assertThat(follower(seller, email).path("state").asText()).isEqualTo("following");
    }

    @Test
    void theUnsubscribeLinkWorksWithoutSigningInAndByOneClickPost() throws Exception {
        TestShop.Seller seller = shop.artist("Leaving Band");
        String slug = slug(seller);
        String byPage = fan();
        String byMailProgram = fan();
        followAndConfirm(slug, byPage);
        followAndConfirm(slug, byMailProgram);
        TestShop.Published first = shop.release(seller, "First News", "free");
        awaitAnnounced(first.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, byPage, "First News").size() == 1
                && TestMail.to(SMTP, byMailProgram, "First News").size() == 1);

        // The footer link: a page with a button, no sign-in; GET alone changes nothing.
        String leave = path(TestMail.to(SMTP, byPage, "First News").get(0), "unsubscribe");
        HttpResponse<String> page = shop.send(HttpRequest.newBuilder(URI.create(server.url(leave))).GET());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Unsubscribe").contains(byPage);
        assertThat(follower(seller, byPage).path("state").asText()).isEqualTo("following");
        HttpResponse<String> pressed = form(leave, "", "Accept", "text/html");
        assertThat(pressed.statusCode()).isEqualTo(200);
        assertThat(pressed.body()).contains("no more mail");

        // RFC 8058: the mail program POSTs the header's URL with this exact body.
        String header = TestMail.to(SMTP, byMailProgram, "First News").get(0).getHeader("List-Unsubscribe")[0];
        URI oneClick = URI.create(header.substring(1, header.length() - 1));
        HttpResponse<String> clicked = shop.send(HttpRequest.newBuilder(oneClick)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click")));
        assertThat(clicked.statusCode()).isEqualTo(200);
        assertThat(follower(seller, byPage).path("state").asText()).isEqualTo("left");
        assertThat(follower(seller, byMailProgram).path("state").asText()).isEqualTo("left");
        // Again: still fine, still left.
        assertThat(form(leave, "").statusCode()).isEqualTo(200);
        assertThat(shop.send(HttpRequest.newBuilder(URI.create(server.url("/unsubscribe/leave_nope"))).GET()).statusCode())
                .isEqualTo(404);

        TestShop.Published second = shop.release(seller, "Second News", "free");
        awaitAnnounced(second.id());
        assertThat(TestMail.to(SMTP, byPage, "Second News")).isEmpty();
        assertThat(TestMail.to(SMTP, byMailProgram, "Second News")).isEmpty();
        // Importing the address again does not bring it back.
        Reply imported = shop.api.post("/api/followers/import", seller.token(), Map.of("emails", List.of(byPage), "consent", true));
        assertThat(imported.json().path("added").asInt()).isZero();
        assertThat(follower(seller, byPage).path("state").asText()).isEqualTo("left");
    }

    @Test
    void eachFollowerGetsOneMailPerReleaseHoweverOftenItRuns() {
        TestShop.Seller seller = shop.artist("Once Band");
        String slug = slug(seller);
        List<String> fans = List.of(fan(), fan(), fan());
        fans.forEach(f -> followAndConfirm(slug, f));
        TestShop.Published release = shop.release(seller, "Only Once", "free");
        awaitAnnounced(release.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> fans.stream().allMatch(f -> TestMail.to(SMTP, f, "Only Once").size() == 1));

        // Publishing again, and running the finished job again (as after a restart), mail nobody twice.
        assertThat(shop.api.post("/api/releases/" + release.id() + "/publish", seller.token(), null).status()).isEqualTo(200);
        var jobs = server.gatefold.services().jobs();
        Job done = jobs.byKeyPrefix("release:" + release.id()).get(0);
        jobs.enqueueAgain(AnnouncementMails.KIND, done.key(), "{}", Instant.now());
        await().atMost(Duration.ofSeconds(15)).until(() -> jobs.find(done.id()).orElseThrow().state() == JobState.DONE
                && jobs.find(done.id()).orElseThrow().attempts() >= 1);
        await().pollDelay(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> true);
        fans.forEach(f -> assertThat(TestMail.to(SMTP, f, "Only Once")).hasSize(1));
        assertThat(server.gatefold.services().audience().announcements().mailed("release:" + release.id())).isEqualTo(3);
    }

    @Test
    void theFollowFormIsThrottledPerEmail() {
        TestShop.Seller seller = shop.artist("Throttled Band");
        String slug = slug(seller);
        String victim = fan();
        for (int i = 0; i < FollowLimiter.PER_EMAIL; i++) {
            assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", victim)).status()).isEqualTo(202);
        }
        Reply refused = shop.api.post("/a/" + slug + "/follow", null, Map.of("email", victim));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(shop.api.post("/a/no-such-artist/follow", null, Map.of("email", fan())).status()).isEqualTo(404);
        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", "not an address")).status()).isEqualTo(422);
    }

    @Test
    void theFollowFormIsThrottledPerAddressAndAnIpv6HomeCountsAsOne() {
        String slug = slug(shop.artist("Crowded Band"));
        String path = "/a/" + slug + "/follow";
        // Every request names a different email, so only the address can be what refuses the last one.
        for (int i = 0; i < FollowLimiter.PER_ADDRESS; i++) {
            assertThat(form(path, "email=" + fan(), "X-Forwarded-For", "198.51.100.7").statusCode()).isEqualTo(202);
        }
        HttpResponse<String> refused = form(path, "email=" + fan(), "X-Forwarded-For", "198.51.100.7");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(form(path, "email=" + fan(), "X-Forwarded-For", "198.51.100.8").statusCode()).isEqualTo(202);

        // An IPv6 client's /64 is one address: fresh addresses inside it buy no fresh starts.
        for (int i = 0; i < FollowLimiter.PER_ADDRESS; i++) {
            assertThat(form(path, "email=" + fan(), "X-Forwarded-For", "2001:db8:1:2::" + Integer.toHexString(i + 1)).statusCode())
                    .isEqualTo(202);
        }
        assertThat(form(path, "email=" + fan(), "X-Forwarded-For", "2001:db8:1:2:ffff::9").statusCode()).isEqualTo(429);
        assertThat(form(path, "email=" + fan(), "X-Forwarded-For", "2001:db8:1:3::1").statusCode()).isEqualTo(202);
    }

    @Test
    void aBuyerWhoTicksTheBoxIsAskedToConfirmAndOthersAreNot() {
        TestShop.Seller seller = shop.artist("Checkout Band");
        TestShop.Published release = shop.release(seller, "Free Gift", "free");
        String ticked = fan();
        String unticked = fan();
        assertThat(shop.api.post("/checkout/" + release.id(), null, Map.of("email", ticked, "follow", true)).status()).isEqualTo(201);
        assertThat(shop.api.post("/checkout/" + release.id(), null, Map.of("email", unticked)).status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, ticked, "Confirm").size() == 1
                && TestMail.to(SMTP, unticked).size() == 1);
        assertThat(TestMail.to(SMTP, unticked, "Confirm")).isEmpty();
        assertThat(follower(seller, ticked).path("source").asText()).isEqualTo("checkout");
        assertThat(follower(seller, unticked)).isNull();
    }

    @Test
    void theArtistSeesExportsAndWritesToTheirOwnFollowersOnly() {
        TestShop.Seller seller = shop.artist("Export Band");
        TestShop.Seller other = shop.artist("Other Band");
        String slug = slug(seller);
        String email = fan();
        followAndConfirm(slug, email);
        Reply imported = shop.api.post("/api/followers/import", seller.token(),
                Map.of("emails", List.of("=cmd@example.com"), "consent", true));
        assertThat(imported.status()).isEqualTo(201);
        assertThat(shop.api.post("/api/followers/import", seller.token(), Map.of("emails", List.of(fan()))).status()).isEqualTo(422);

        Reply csv = shop.api.get("/api/followers.csv", seller.token());
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("email,state,source,since,consented_at,left_at");
        assertThat(lines).anyMatch(l -> l.startsWith(email + ",following,page,"));
        assertThat(lines).anyMatch(l -> l.startsWith("'=cmd@example.com,following,import,"));
        assertThat(shop.api.get("/api/followers", other.token()).json()).isEmpty();
        assertThat(shop.api.get("/api/followers", null).status()).isEqualTo(401);

        Reply note = shop.api.post("/api/announcements", seller.token(), Map.of("subject", "Tour dates", "body", "We play Berlin."));
        assertThat(note.status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, email, "Tour dates").size() == 1);
        assertThat(text(TestMail.to(SMTP, email, "Tour dates").get(0))).contains("We play Berlin.").contains("/unsubscribe/");
    }
}
