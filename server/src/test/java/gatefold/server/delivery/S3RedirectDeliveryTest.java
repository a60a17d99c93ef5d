package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Redirect mode on S3: the server signs and counts, the bytes come straight from the store. */
class S3RedirectDeliveryTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    static Map<String, String> env(S3ProxyServer s3, String bucket) {
        return Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(), "GATEFOLD_S3_BUCKET", bucket,
                "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey());
    }

    record Bought(String link, String entitlementId, String fileId, byte[] bytes, String token, String release) {
    }

    static Bought buy(TestServer server, ApiClient api) {
        return buy(server, api, "redirect@example.com");
    }

    static Bought buy(TestServer server, ApiClient api, String artistEmail) {
        String token = api.newArtist("Redirect", artistEmail).token();
        String release = api.newRelease(token, Map.of("title", "Film", "kind", "other", "pricing", "fixed", "price", "9.00"));
        byte[] bytes = new byte[2_000_000];
        new Random(5).nextBytes(bytes);
        String fileId = api.put("/api/releases/" + release + "/files/" + ApiClient.enc("Ünïcode Film.bin"), token,
                HttpRequest.BodyPublishers.ofByteArray(bytes)).text("id");
        Reply purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
        String entitlement = server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT entitlement_id FROM purchases WHERE id = :id").bind("id", purchase.text("id")).mapTo(String.class).one());
        return new Bought(purchase.json().path("downloads").get(0).path("url").asText(), entitlement, fileId, bytes, token, release);
    }

    @Test
    void aLinkRedirectsToAPresignedStoreUrlThatServesTheExactBytesAndName() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(env(s3, s3.createFreshBucket()))) {
            Bought bought = buy(server, new ApiClient(server));
            HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            // Five minutes for a small file, plus the minute a presigned URL may be handed out again.
            assertThat(location).startsWith(s3.endpoint().toString()).contains("X-Amz-Expires=360");
            assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(redirect.body()).isEmpty();

            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.statusCode()).isEqualTo(200);
            assertThat(file.body()).isEqualTo(bought.bytes());
            assertThat(file.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d)
                    .contains("filename*=UTF-8''%C3%9Cn%C3%AFcode%20Film.bin"));

            // A resumed download asks /d/ again with its Range: redirected, not counted, and S3 serves the range.
            HttpResponse<String> resume = http.send(HttpRequest.newBuilder(URI.create(bought.link())).header("Range", "bytes=1000-").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(resume.statusCode()).isEqualTo(302);
            HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(URI.create(resume.headers().firstValue("Location").orElseThrow()))
                    .header("Range", "bytes=1000-").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(rest.body()).isEqualTo(java.util.Arrays.copyOfRange(bought.bytes(), 1000, bought.bytes().length));
            settle(new ApiClient(server), bought);
            assertThat(new DownloadCounter(server.gatefold.database().jdbi()).downloads(bought.entitlementId(), bought.fileId()))
                    .isEqualTo(1);
        }
    }

    @Test
    void presignedLifetimeGrowsWithTheFileSize() {
        assertThat(Deliveries.redirectLifetime(1_000)).hasMinutes(5);
        assertThat(Deliveries.redirectLifetime(3_600_000_000L)).hasHours(1);
        assertThat(Deliveries.redirectLifetime(50_000_000_000L)).hasHours(12);
    }

    @Test
    void manyFansClickingTheSameFileWithinAMinuteShareOneSignedUrl() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(env(s3, s3.createFreshBucket()))) {
            ApiClient api = new ApiClient(server);
            Bought first = buy(server, api);
            String otherFan = api.post("/api/releases/" + first.release() + "/purchases", first.token(), Map.of("email", "other@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
            String one = location(first.link());
            String two = location(otherFan);
            assertThat(two).isEqualTo(one);
            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(two)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.body()).isEqualTo(first.bytes());
            // Each fan's click is still checked and counted on its own.
            settle(api, first);
            assertThat(new DownloadCounter(server.gatefold.database().jdbi()).downloads(first.entitlementId(), first.fileId()))
                    .isEqualTo(1);
        }
    }

    /** Reading the statistics writes the batched download log and the counts of unlimited releases. */
    static void settle(ApiClient api, Bought bought) {
        assertThat(api.get("/api/releases/" + bought.release() + "/downloads", bought.token()).status()).isEqualTo(200);
    }

    static String location(String link) throws Exception {
        HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(redirect.statusCode()).isEqualTo(302);
        return redirect.headers().firstValue("Location").orElseThrow();
    }

    @Test
    void aStoreThatGoesDownAnswers503WithRetryAfterAndSpendsNothing() throws Exception {
        S3ProxyServer own = S3ProxyServer.start();
        TestServer server = TestServer.start(env(own, own.createFreshBucket()));
        try {
            Bought bought = buy(server, new ApiClient(server));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(302);
            settle(new ApiClient(server), bought);
            own.close();
            // The store is asked at most once a second; within that second a click may still be sent on.
            HttpResponse<String> down = null;
            for (long until = System.nanoTime() + 10_000_000_000L; System.nanoTime() < until; Thread.sleep(200)) {
                down = http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(), HttpResponse.BodyHandlers.ofString());
                if (down.statusCode() == 503) {
                    break;
                }
            }
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).isPresent();
            assertThat(down.body()).contains("\"error\":\"unavailable\"");
            ApiClient api = new ApiClient(server);
            DownloadCounter counter = new DownloadCounter(server.gatefold.database().jdbi());
            settle(api, bought);
            int spent = counter.downloads(bought.entitlementId(), bought.fileId());
            for (int i = 0; i < 3; i++) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(503);
            }
            settle(api, bought);
            assertThat(counter.downloads(bought.entitlementId(), bought.fileId())).isEqualTo(spent);
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
        } finally {
            server.close();
            own.close();
        }
    }
}
