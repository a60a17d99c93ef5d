package gatefold.server.cluster;

import static gatefold.server.cluster.ClusterMoves.receipts;
import static gatefold.server.cluster.ClusterMoves.started;
import static gatefold.server.cluster.ClusterMoves.stripeDelivers;
import static gatefold.server.cluster.ClusterShop.at;
import static gatefold.server.cluster.ClusterShop.get;
import static gatefold.server.cluster.ClusterShop.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.cluster.ClusterShop.Artist;
import gatefold.server.cluster.ClusterShop.Release;
import gatefold.server.faults.ChildGatefold;
import gatefold.server.observe.PrometheusText;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The same two-instance cluster as {@link ClusterTest}: background work (seller webhooks,
 * receipt mails) runs once across both, Stripe's event delivered to both at once confirms a
 * purchase once, a dashboard session works on either, each instance's metrics are its own, and
 * when the instance streaming a download is killed the fan resumes through the proxy on the other.
 */
@Tag("cluster")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterWorkAndFailoverTest extends OnTheCluster {

    static final String WEBHOOK_SECRET = "whsec_cluster";
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
                cluster.stripe.markPaid(redirect.substring(redirect.lastIndexOf('/') + 1)));

        List<Reply> deliveries = ClusterShop.race(6,
                i -> stripeDelivers(i % 2 == 0 ? cluster.one : cluster.two, artist, event, WEBHOOK_SECRET));
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
    @Order(9)
    void eachInstanceIsScrapedOnItsOwnAndTheSharedQueueReadsTheSameOnBoth() throws Exception {
        Artist artist = ClusterShop.artist(proxy);
        Release release = ClusterShop.release(proxy, artist, 50_000, Map.of());
        String link = link(ClusterShop.sale(proxy, release, "scraped@example.com"));
        assertThat(get(at(cluster.one, link)).body()).isEqualTo(release.bytes());
        assertThat(get(at(cluster.two, link)).body()).isEqualTo(release.bytes());
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
        // What each instance served is its own: both sent the file once at least.
        assertThat(Cluster.total(one, "gatefold_download_sent_bytes_total")).isPositive();
        assertThat(Cluster.total(two, "gatefold_download_sent_bytes_total")).isPositive();
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
        serving.restart(); // For the cluster tests that run after this one.
    }
}
