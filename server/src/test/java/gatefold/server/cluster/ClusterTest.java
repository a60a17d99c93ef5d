package gatefold.server.cluster;

import static gatefold.server.cluster.ClusterMoves.guess;
import static gatefold.server.cluster.ClusterMoves.kidOf;
import static gatefold.server.cluster.ClusterMoves.redeem;
import static gatefold.server.cluster.ClusterMoves.resolutions;
import static gatefold.server.cluster.ClusterShop.at;
import static gatefold.server.cluster.ClusterShop.get;
import static gatefold.server.cluster.ClusterShop.link;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.accounts.LoginLimiter;
import gatefold.server.cluster.ClusterShop.Artist;
import gatefold.server.cluster.ClusterShop.Release;
import gatefold.server.delivery.DownloadCounter;
import gatefold.server.faults.ChildGatefold;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Two Gatefold processes sharing one PostgreSQL and one S3 bucket behind nginx (round robin,
 * deploy/nginx.conf as shipped) agree on the rules of sales and downloads: what one sells or
 * refunds the other serves or refuses at the next click, a download limit and a code's last use
 * are spent once, guessing and sign-in limits are counted together, keys rotated anywhere sign
 * everywhere, and a resumable upload may be finished on either. The cluster is shared with
 * {@link ClusterWorkAndFailoverTest}.
 */
@Tag("cluster")
class ClusterTest extends OnTheCluster {

    @Test
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
}
