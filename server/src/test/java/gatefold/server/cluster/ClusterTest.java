package gatefold.server.cluster;

import static gatefold.server.cluster.ClusterMoves.guess;
import static gatefold.server.cluster.ClusterMoves.kidOf;
import static gatefold.server.cluster.ClusterMoves.receipts;
import static gatefold.server.cluster.ClusterMoves.redeem;
import static gatefold.server.cluster.ClusterMoves.resolutions;
import static gatefold.server.cluster.ClusterMoves.started;
import static gatefold.server.cluster.ClusterMoves.stripeDelivers;
import static gatefold.server.cluster.ClusterShop.at;
import static gatefold.server.cluster.ClusterShop.get;
import static gatefold.server.cluster.ClusterShop.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.ApiClient.Reply;
import gatefold.server.cluster.ClusterShop.Artist;
import gatefold.server.cluster.ClusterShop.Release;
import gatefold.server.delivery.DownloadCounter;
import gatefold.server.faults.ChildGatefold;
import gatefold.server.observe.PrometheusText;
import gatefold.server.sales.stripe.FakeStripe;
import gatefold.server.sales.stripe.StripeEvents;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two Gatefold processes sharing one PostgreSQL and one S3 bucket behind nginx (round robin)
 * agree on every rule that must hold across instances: what one sells or refunds the other
 * serves or refuses at the next click, limits and a code's last use are counted once,
 * background jobs run once, a session works on both, and when one is killed mid-download the
 * fan resumes through the proxy on the other. Stripe's event, delivered to both at once, confirms
 * a purchase once.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterTest {

    static final String WEBHOOK_SECRET = "whsec_cluster";
    static FakeStripe stripe;
    static Cluster cluster;
    static ApiClient proxy;
    static ApiClient one;
    static ApiClient two;

    @BeforeAll
    static void start() throws Exception {
        stripe = FakeStripe.start();
        cluster = Cluster.start(Map.of("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true", "GATEFOLD_STRIPE_API_BASE", stripe.apiBase()));
        proxy = cluster.proxy();
        one = cluster.one.api();
        two = cluster.two.api();
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            cluster.close();
        } finally {
            stripe.close();
        }
    }

    @Test
    @Order(1)
    void aSaleOnOneDownloadsOnTheOtherAndARefundOnOneStopsTheLinkOnTheOtherAtTheNextClick() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(one, artist, 300_000, Map.of());
        Reply sale = ClusterShop.sale(two, release, "crossing@example.com");
        String link = link(sale);
        assertThat(link).startsWith(cluster.base + "/d/");

        assertThat(get(at(cluster.one, link)).body()).isEqualTo(release.bytes());
        assertThat(get(link).body()).isEqualTo(release.bytes());

        assertThat(two.post("/api/purchases/" + sale.text("id") + "/refund", artist.token(), null).status()).isEqualTo(200);
        assertThat(get(at(cluster.one, link)).statusCode()).isEqualTo(410);
        assertThat(get(at(cluster.two, link)).statusCode()).isEqualTo(410);
        assertThat(get(link).statusCode()).isEqualTo(410);
    }

    @Test
    @Order(2)
    void fiftyConcurrentFirstClicksOnBothInstancesWithALimitOfFiveGiveExactlyFiveDownloads() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(proxy, artist, 100_000, Map.of("downloadLimit", 5));
        Reply sale = ClusterShop.sale(proxy, release, "fifty@example.com");
        double[] before = {resolutions(cluster.one), resolutions(cluster.two)};

        List<CompletableFuture<HttpResponse<Void>>> clicks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            clicks.add(ClusterShop.http.sendAsync(HttpRequest.newBuilder(URI.create(link(sale))).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        int served = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<Void>> click : clicks) {
            int status = click.get().statusCode();
            served += status == 200 ? 1 : 0;
            refused += status == 403 ? 1 : 0;
        }
        // The proxy spread the clicks over both instances, and their own figures add up to the fifty.
        double[] after = {resolutions(cluster.one), resolutions(cluster.two)};
        assertThat(after[0]).isGreaterThan(before[0]);
        assertThat(after[1]).isGreaterThan(before[1]);
        assertThat(after[0] - before[0] + after[1] - before[1]).isEqualTo(50);
        String entitlement = cluster.db.withHandle(h -> h.createQuery("SELECT entitlement_id FROM purchases WHERE id = :id")
                .bind("id", sale.text("id")).mapTo(String.class).one());
        String file = proxy.get("/api/releases/" + release.id(), artist.token()).json().path("files").get(0).path("id").asText();
        assertThat(new DownloadCounter(cluster.db).downloads(entitlement, file)).isEqualTo(5);
        // As on one instance: each of the five downloads allows two more whole copies inside its window.
        assertThat(served).isEqualTo(15);
        assertThat(refused).isEqualTo(35);
    }

    @Test
    @Order(8)
    void wrongPasswordsOnBothInstancesAreCountedTogether() {
        Artist artist = ClusterShop.artist(proxy);
        // Failures per account, wherever they landed; then the right password is refused too.
        for (int i = 0; i < LoginLimiter.PER_ACCOUNT; i++) {
            ChildGatefold instance = i % 2 == 0 ? cluster.one : cluster.two;
            assertThat(new DashboardSession().signIn(instance, instance, artist.email(), "guess " + i).statusCode()).isEqualTo(401);
        }
        for (ChildGatefold instance : cluster.instances()) {
            assertThat(new DashboardSession().signIn(instance, instance, artist.email(), "correct horse battery").statusCode())
                    .isEqualTo(429);
        }
    }

    @Test
    @Order(9)
    void eachInstanceIsScrapedOnItsOwnAndTheSharedQueueReadsTheSameOnBoth() {
        PrometheusText one = Cluster.metrics(cluster.one);
        PrometheusText two = Cluster.metrics(cluster.two);
        for (PrometheusText instance : List.of(one, two)) {
            assertThat(instance.value("gatefold_info", "role", "all", "store", "s3", "delivery", "stream")).isEqualTo(1);
            assertThat(instance.named("hikaricp_connections_active")).isNotEmpty();
            assertThat(instance.named("hikaricp_connections_usage_seconds_count")).isNotEmpty();
            assertThat(instance.named("gatefold_store_requests_seconds_count")).isNotEmpty();
            assertThat(instance.named("jvm_memory_used_bytes")).isNotEmpty();
        }
        // Job counts come from the one queue in the database: every instance tells the same (use max, not sum).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Cluster.total(Cluster.metrics(cluster.one),
                "gatefold_job_queue_depth")).isEqualTo(Cluster.total(Cluster.metrics(cluster.two), "gatefold_job_queue_depth")));
        // What each instance served is its own.
        assertThat(Cluster.total(one, "gatefold_download_sent_bytes_total")).isPositive();
        assertThat(Cluster.total(two, "gatefold_download_sent_bytes_total")).isPositive();
    }

    @Test
    @Order(3)
    void aCodesLastUseIsSpentOnceWhenFansRaceForItOnBothInstances() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(proxy, artist, 10_000, Map.of());
        Reply made = one.post("/api/releases/" + release.id() + "/codes", artist.token(), Map.of("count", 1, "usesPerCode", 3));
        assertThat(made.status()).as(made.toString()).isEqualTo(201);
        String code = made.json().get(0).path("code").asText();
        assertThat(redeem(one, code, "first@example.com").status()).isEqualTo(201);
        assertThat(redeem(two, code, "second@example.com").status()).isEqualTo(201);

        List<Integer> statuses = ClusterShop.race(20, i -> redeem(i % 2 == 0 ? one : two, code, "racer" + i + "@example.com").status());
        assertThat(statuses).containsOnlyOnce(201).filteredOn(s -> s != 201).containsOnly(409);
        assertThat(cluster.count("SELECT uses FROM download_codes WHERE code = ?", code.replace("-", ""))).isEqualTo(3);
        assertThat(cluster.count("SELECT COUNT(*) FROM entitlements WHERE release_id = ?", release.id())).isEqualTo(3);
    }

    @Test
    @Order(4)
    void keysRotatedWhileBothRunSignNewLinksOnBothAndOldLinksKeepWorking() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(proxy, artist, 10_000, Map.of());
        String old = link(ClusterShop.sale(one, release, "before-rotation@example.com"));

        String output = cluster.command("keys", "rotate");
        assertThat(output).contains("now signed with key");
        java.util.concurrent.atomic.AtomicInteger fans = new java.util.concurrent.atomic.AtomicInteger();
        for (ApiClient door : List.of(one, two)) {
            // Each instance checks its signing key every second.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String fresh = link(ClusterShop.sale(door, release, "after-rotation" + fans.incrementAndGet() + "@example.com"));
                assertThat(output).contains(kidOf(fresh));
                assertThat(get(at(cluster.one, fresh)).body()).isEqualTo(release.bytes());
                assertThat(get(at(cluster.two, fresh)).body()).isEqualTo(release.bytes());
            });
        }
        assertThat(kidOf(old)).isNotEmpty();
        assertThat(output).doesNotContain(kidOf(old));
        assertThat(get(at(cluster.one, old)).body()).isEqualTo(release.bytes());
        assertThat(get(at(cluster.two, old)).body()).isEqualTo(release.bytes());
    }

    @Test
    @Order(4)
    void wrongCodeGuessesFromOneAddressAreCountedTogetherOnBothInstances() {
        // GuessLimiter.PER_ADDRESS: twenty failures per address in the window, wherever they landed.
        for (int i = 0; i < 20; i++) {
            assertThat(guess(i % 2 == 0 ? cluster.one : cluster.two, "198.51.100.77").status()).isEqualTo(404);
        }
        assertThat(guess(cluster.one, "198.51.100.77").status()).isEqualTo(429);
        assertThat(guess(cluster.two, "198.51.100.77").status()).isEqualTo(429);
        assertThat(guess(cluster.two, "198.51.100.78").status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aResumableUploadWithPartsAskedOfBothInstancesCompletesAndItsCompleteMayBeRetriedOnTheOther() {
        Artist artist = ClusterShop.artist(proxy);
        String release = proxy.newRelease(artist.token(), Map.of("title", "Parts", "kind", "other", "pricing", "free"));
        Reply started = one.post("/api/releases/" + release + "/uploads", artist.token(),
                Map.of("name", "master.bin", "size", 11 * 1024 * 1024, "contentType", "application/octet-stream"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        byte[] master = ClusterShop.bytes(11 * 1024 * 1024, 11);
        String upload = started.text("uploadId");
        List<Map<String, Object>> parts = ClusterShop.sendParts(List.of(one, two), artist.token(), upload, master,
                started.json().path("partSize").asInt());
        assertThat(parts).hasSizeGreaterThan(1);

        Reply completed = two.post("/api/uploads/" + upload + "/complete", artist.token(), Map.of("parts", parts));
        assertThat(completed.status()).as(completed.toString()).isEqualTo(201);
        assertThat(completed.json().path("size").asLong()).isEqualTo(master.length);
        Reply again = one.post("/api/uploads/" + upload + "/complete", artist.token(), Map.of("parts", parts));
        assertThat(again.text("id")).isEqualTo(completed.text("id"));
        assertThat(cluster.count("SELECT COUNT(*) FROM release_files WHERE release_id = ?", release)).isEqualTo(1);
    }

    @Test
    @Order(6)
    void everySaleIsPostedToTheSellersWebhookAndMailedOnceAcrossBothInstances() throws Exception {
        try (WebhookReceiver hook = WebhookReceiver.start()) {
            Artist artist = ClusterShop.artist(proxy);
            assertThat(proxy.post("/api/webhooks", artist.token(), Map.of("url", hook.url())).status()).isEqualTo(201);
            Release release = ClusterShop.release(proxy, artist, 1_000, Map.of());
            List<String> sold = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                sold.add(ClusterShop.sale(i % 2 == 0 ? one : two, release, "hooked" + i + "@example.com").text("id"));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> hook.purchases().size() >= sold.size()
                    && cluster.count("SELECT COUNT(*) FROM webhook_deliveries WHERE status = 'pending'") == 0);
            // Both instances poll the same queue; give a second delivery every chance to happen.
            Thread.sleep(1500);
            assertThat(hook.purchases()).containsExactlyInAnyOrderElementsOf(sold);
            for (int i = 0; i < 12; i++) {
                String fan = "hooked" + i + "@example.com";
                await().atMost(Duration.ofSeconds(20)).until(() -> receipts(cluster, fan) >= 1);
            }
            Thread.sleep(1000);
            for (int i = 0; i < 12; i++) {
                assertThat(receipts(cluster, "hooked" + i + "@example.com")).as("receipts to fan " + i).isEqualTo(1);
            }
        }
    }

    @Test
    @Order(7)
    void stripesEventDeliveredToBothInstancesAtOnceConfirmsThePurchaseOnceAndIsThenADuplicateOnBoth() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Reply payments = proxy.send("PUT", "/api/me/payments", artist.token(),
                Map.of("stripe", Map.of("secretKey", "sk_test_cluster", "webhookSecret", WEBHOOK_SECRET)));
        assertThat(payments.status()).as(payments.toString()).isEqualTo(200);
        Release release = ClusterShop.release(proxy, artist, 1_000, Map.of());
        Reply checkout = proxy.post("/checkout/" + release.id(), null, Map.of("email", "paying@example.com", "provider", "stripe"));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        String redirect = checkout.text("redirectUrl");
        String event = StripeEvents.event("evt_cluster_paid", "checkout.session.completed",
                stripe.markPaid(redirect.substring(redirect.lastIndexOf('/') + 1)));

        List<Reply> deliveries = ClusterShop.race(6, i -> stripeDelivers(i % 2 == 0 ? cluster.one : cluster.two, artist, event, WEBHOOK_SECRET));
        // Deliveries that overlap may each act (the effect only moves a pending purchase); it happens once.
        assertThat(deliveries).extracting(Reply::status).containsOnly(200);
        assertThat(stripeDelivers(cluster.two, artist, event, WEBHOOK_SECRET).json().path("duplicate").asBoolean()).isTrue();
        assertThat(stripeDelivers(cluster.one, artist, event, WEBHOOK_SECRET).json().path("duplicate").asBoolean()).isTrue();
        assertThat(cluster.count("SELECT COUNT(*) FROM purchases WHERE id = ? AND status = 'confirmed'", checkout.text("id")))
                .isEqualTo(1);
        assertThat(cluster.count("SELECT COUNT(*) FROM entitlements WHERE email = 'paying@example.com'")).isEqualTo(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> receipts(cluster, "paying@example.com") >= 1);
        Thread.sleep(1000);
        assertThat(receipts(cluster, "paying@example.com")).isEqualTo(1);
    }

    @Test
    @Order(8)
    void aDashboardSessionAndItsCsrfTokenWorkOnEitherInstance() {
        Artist artist = ClusterShop.artist(proxy);
        String release = proxy.newRelease(artist.token(), Map.of("title", "Before", "kind", "music", "pricing", "free"));
        DashboardSession browser = new DashboardSession();
        HttpResponse<String> signedIn = browser.signIn(cluster.one, cluster.two, artist.email(), "correct horse battery");
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);

        HttpResponse<String> home = browser.get(cluster.one, "/dashboard");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains(artist.name());
        String csrf = DashboardSession.csrfOf(home.body());
        HttpResponse<String> renamed = browser.patch(cluster.two, "/api/releases/" + release, "{\"title\": \"After\"}", csrf);
        assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
        assertThat(proxy.get("/api/releases/" + release, artist.token()).text("title")).isEqualTo("After");
        assertThat(browser.patch(cluster.one, "/api/releases/" + release, "{\"title\": \"Forged\"}", "not-the-token")
                .statusCode()).isEqualTo(403);
    }

    @Test
    @Order(10)
    void whenTheInstanceServingADownloadIsKilledTheFanResumesThroughTheProxyOnTheOther() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(proxy, artist, 24 * 1024 * 1024, Map.of("downloadLimit", 1));
        String link = link(ClusterShop.sale(proxy, release, "interrupted@example.com"));
        double[] before = {started(cluster.one), started(cluster.two)};

        HttpResponse<InputStream> download = ClusterShop.http.send(HttpRequest.newBuilder(URI.create(link)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        byte[] quarter = download.body().readNBytes(release.bytes().length / 4);
        ChildGatefold serving = started(cluster.one) > before[0] ? cluster.one : cluster.two;
        assertThat(started(serving == cluster.one ? cluster.two : cluster.one))
                .isEqualTo(before[serving == cluster.one ? 1 : 0]);

        serving.kill();
        byte[] received = ClusterShop.readUntilCut(download.body(), quarter);
        assertThat(received.length).isLessThan(release.bytes().length);

        HttpResponse<byte[]> rest = get(link, "Range", "bytes=" + received.length + "-",
                "If-Range", download.headers().firstValue("ETag").orElseThrow());
        assertThat(rest.statusCode()).isEqualTo(206);
        byte[] whole = Arrays.copyOf(received, received.length + rest.body().length);
        System.arraycopy(rest.body(), 0, whole, received.length, rest.body().length);
        assertThat(whole).isEqualTo(release.bytes());
    }
}
