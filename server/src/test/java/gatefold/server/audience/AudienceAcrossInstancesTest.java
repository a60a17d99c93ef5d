package gatefold.server.audience;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.db.TestDatabases;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.JobState;
import gatefold.server.mail.TestShop;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two instances on one PostgreSQL database, both running the mail lane: each follower gets one
 * mail per release, whichever instance runs the job and however often; pre-orders open once;
 * bundles and feeds work on PostgreSQL as on H2.
 */
class AudienceAcrossInstancesTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();

    @Test
    void twoInstancesMailEachFollowerOncePerReleaseAndOpenEachPreorderOnce() throws Exception {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> settings = new HashMap<>(TestDatabases.postgresUrl().settings());
        settings.putAll(TestMail.smtpSettings(SMTP));
        settings.put("GATEFOLD_SECRET_KEY", Base64.getEncoder().encodeToString(key));
        settings.put("GATEFOLD_ADMIN_TOKEN", "gfa_audience-across-instances-0123456789");
        try (TestServer first = TestServer.start(settings); TestServer second = TestServer.start(settings)) {
            ApiClient admin = new ApiClient(first.url(""), settings.get("GATEFOLD_ADMIN_TOKEN"));
            ApiClient.NewArtist made = admin.newArtist("Twin Band", "twin-band@example.com");
            TestShop.Seller seller = new TestShop.Seller(made.id(), made.token(), "twin-band@example.com");
            TestShop a = new TestShop(first);
            List<String> fans = List.of("twin1@example.com", "twin2@example.com", "twin3@example.com");
            assertThat(a.api.post("/api/followers/import", seller.token(), Map.of("emails", fans, "consent", true)).status())
                    .isEqualTo(201);

            TestShop.Published release = a.release(seller, "Twin Release", "free");
            await().atMost(Duration.ofSeconds(20)).until(() -> fans.stream()
                    .allMatch(f -> TestMail.to(SMTP, f, "Twin Release").size() == 1));
            // The second instance runs the finished job again: nobody is mailed twice.
            var jobs = second.gatefold.services().jobs();
            Job job = jobs.byKeyPrefix("release:" + release.id()).get(0);
            Instant before = jobs.find(job.id()).orElseThrow().finishedAt();
            jobs.enqueueAgain(AnnouncementMails.KIND, job.key(), "{}", Instant.now());
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                Job now = jobs.find(job.id()).orElseThrow();
                return now.state() == JobState.DONE && now.finishedAt().isAfter(before);
            });
            Thread.sleep(300);
            fans.forEach(f -> assertThat(TestMail.to(SMTP, f, "Twin Release")).hasSize(1));

            // A pre-order bought on one instance opens once when both run the opening at the same moment.
            LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(5);
            String preorder = a.api.newRelease(seller.token(), Map.of("title", "Twin Preorder", "kind", "other", "pricing", "free",
                    "releaseDate", day.toString()));
            a.api.put("/api/releases/" + preorder + "/files/a.bin", seller.token(),
                    java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3}));
            assertThat(a.api.post("/api/releases/" + preorder + "/publish", seller.token(), null).status()).isEqualTo(200);
            for (String fan : fans) {
                assertThat(a.api.post("/checkout/" + preorder, null, Map.of("email", fan)).status()).isEqualTo(201);
            }
            Instant morning = day.atStartOfDay().toInstant(ZoneOffset.UTC);
            CompletableFuture<Integer> one = CompletableFuture.supplyAsync(
                    () -> first.gatefold.services().audience().preorders().releaseDue(morning));
            CompletableFuture<Integer> two = CompletableFuture.supplyAsync(
                    () -> second.gatefold.services().audience().preorders().releaseDue(morning));
            assertThat(one.get() + two.get()).isEqualTo(fans.size());

            // Bundles and feeds read and write the same on PostgreSQL.
            String bundle = a.api.post("/api/bundles", seller.token(), Map.of("title", "All", "discography", true,
                    "discountPercent", 10)).text("id");
            assertThat(a.api.post("/checkout/bundle/" + bundle, null, Map.of("email", "twin-new@example.com")).status())
                    .isEqualTo(201);
            TestShop.Published later = a.release(seller, "After The Bundle", "free");
            await().atMost(Duration.ofSeconds(20)).until(() -> a.count(
                    "SELECT COUNT(*) FROM purchases WHERE email = 'twin-new@example.com' AND release_id = '" + later.id() + "'") == 1);
            assertThat(second.get("/feed.atom").body()).contains("After The Bundle");
            assertThat(second.get("/api/followers.csv", "Authorization", "Bearer " + seller.token()).body()).contains("twin1@example.com");
        }
    }
}
