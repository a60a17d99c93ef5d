package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.delivery.DeliveryFixtures.Bought;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The plain click in redirect mode is answered on Jetty before the router ({@link LinkFastPath});
 * everything else falls through to the full route. Both must look the same to a fan, count
 * the same, and refuse the same.
 */
class LinkFastPathTest {

    static S3ProxyServer s3;
    static TestServer server;
    static ApiClient api;
    static int artists;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        server = TestServer.start(DeliveryFixtures.env(s3, s3.createFreshBucket()));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> click(String link, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(link));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return DeliveryFixtures.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static int downloads(Bought bought) {
        DeliveryFixtures.settle(api, bought);
        return new DownloadCounter(server.gatefold.database().jdbi()).downloads(bought.entitlementId(), bought.fileId());
    }

    @Test
    void aPlainClickIsAnsweredBeforeTheRouterWithTheRoutesHeadersAndCounted() throws Exception {
        Bought bought = DeliveryFixtures.buy(server, api, artists++ + "@fast.example.com");
        HttpResponse<String> quick = click(bought.link());
        // The same click with a range goes through the router.
        HttpResponse<String> routed = click(bought.link(), "Range", "bytes=0-");
        assertThat(quick.statusCode()).isEqualTo(302);
        assertThat(routed.statusCode()).isEqualTo(302);
        // The router labels even an empty redirect text/plain; the fast path sends no body and no type.
        assertThat(routed.headers().firstValue("Content-Type")).isPresent();
        assertThat(quick.headers().firstValue("Content-Type")).isEmpty();
        assertThat(quick.body()).isEmpty();
        assertThat(quick.headers().firstValue("Content-Length")).hasValue("0");
        for (String name : List.of("Location", "Cache-Control", "X-Content-Type-Options", "Referrer-Policy",
                "Content-Security-Policy", "X-Frame-Options")) {
            assertThat(quick.headers().allValues(name)).as(name).isEqualTo(routed.headers().allValues(name)).isNotEmpty();
        }
        // Both started at byte 0, so both count; a HEAD gets the file's headers without a Location, free.
        assertThat(click(bought.link(), "X-Probe", "1").statusCode()).isEqualTo(302);
        HttpResponse<Void> head = DeliveryFixtures.http.send(HttpRequest.newBuilder(URI.create(bought.link()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Location")).isEmpty();
        assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(bought.bytes().length));
        assertThat(downloads(bought)).isEqualTo(3);
        HttpResponse<String> stats = click(server.url("/api/releases/" + bought.release() + "/downloads"),
                "Authorization", "Bearer " + bought.token());
        assertThat(stats.body()).contains("\"downloads\":3");
    }

    @Test
    void everyRefusalFallsThroughToTheRoutesAnswer() throws Exception {
        Bought bought = DeliveryFixtures.buy(server, api, artists++ + "@fast.example.com");
        String token = bought.link().substring(bought.link().indexOf("/d/") + 3);
        String base = bought.link().substring(0, bought.link().indexOf("/d/") + 3);
        // A character inside the signature (the last one carries unused padding bits).
        int at = token.lastIndexOf('.') + 5;
        char was = token.charAt(at);
        HttpResponse<String> tampered = click(base + token.substring(0, at) + (was == 'A' ? 'B' : 'A') + token.substring(at + 1));
        assertThat(tampered.statusCode()).isEqualTo(403);
        assertThat(tampered.body()).contains("\"error\":\"invalid_link\"");
        assertThat(click(base + "not-a-token").statusCode()).isEqualTo(403);
        // Escaped characters are the router's business; it decodes and refuses them the same way.
        assertThat(click(base + "%41" + token).statusCode()).isEqualTo(403);
        assertThat(downloads(bought)).isZero();

        assertThat(api.post("/api/purchases/" + purchaseOf(bought) + "/refund", bought.token(), null).status()).isEqualTo(200);
        HttpResponse<String> refunded = click(bought.link());
        assertThat(refunded.statusCode()).isEqualTo(410);
        assertThat(refunded.body()).contains("refunded");
        assertThat(refunded.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(downloads(bought)).isZero();
    }

    @Test
    void aLimitIsSpentExactlyOnceWhetherTheFastPathOrTheRouteRefuses() throws Exception {
        Bought bought = DeliveryFixtures.buy(server, api, artists++ + "@fast.example.com");
        assertThat(api.patch("/api/releases/" + bought.release(), bought.token(), Map.of("downloadLimit", 5)).status()).isEqualTo(200);
        List<CompletableFuture<HttpResponse<Void>>> all = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            all.add(DeliveryFixtures.http.sendAsync(HttpRequest.newBuilder(URI.create(bought.link())).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        int redirected = 0;
        int refused = 0;
        for (CompletableFuture<HttpResponse<Void>> f : all) {
            int code = f.get().statusCode();
            redirected += code == 302 ? 1 : 0;
            refused += code == 403 ? 1 : 0;
        }
        // Five downloads, each with the two free whole re-requests its resume window allows.
        assertThat(redirected).isEqualTo(15);
        assertThat(refused).isEqualTo(25);
        HttpResponse<String> spent = click(bought.link());
        assertThat(spent.statusCode()).isEqualTo(403);
        assertThat(spent.body()).contains("\"error\":\"download_limit\"");
        // Every window has handed out all it may: a range is a new download now, and refused.
        assertThat(click(bought.link(), "Range", "bytes=100-").statusCode()).isEqualTo(403);
        assertThat(downloads(bought)).isEqualTo(5);
    }

    private static String purchaseOf(Bought bought) {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM purchases WHERE entitlement_id = :e").bind("e", bought.entitlementId()).mapTo(String.class).one());
    }
}
