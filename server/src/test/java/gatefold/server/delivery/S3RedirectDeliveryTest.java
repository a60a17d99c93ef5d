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

    static final HttpClient http = DeliveryFixtures.http;


    @Test
    void aLinkRedirectsToAPresignedStoreUrlThatServesTheExactBytesAndName() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(DeliveryFixtures.env(s3, s3.createFreshBucket()))) {
            DeliveryFixtures.Bought bought = DeliveryFixtures.buy(server, new ApiClient(server));
            HttpResponse<String> redirect = http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(redirect.statusCode()).isEqualTo(302);
            String location = redirect.headers().firstValue("Location").orElseThrow();
            // The time the file needs at 1 MB/s plus five minutes.
            assertThat(location).startsWith(s3.endpoint().toString()).contains("X-Amz-Expires=" + (300 + bought.bytes().length / 1_000_000));
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
            DeliveryFixtures.settle(new ApiClient(server), bought);
            assertThat(new DownloadCounter(server.gatefold.database().jdbi()).downloads(bought.entitlementId(), bought.fileId()))
                    .isEqualTo(1);
        }
    }

    @Test
    void presignedUrlsLiveAsLongAsTheFileNeedsAt1MBPerSecondPlusFiveMinutesAndNoLongerThanTheResumeWindow() {
        java.time.Duration day = java.time.Duration.ofHours(24);
        assertThat(Deliveries.redirectLifetime(1_000, day)).hasMinutes(5);
        assertThat(Deliveries.redirectLifetime(3_600_000_000L, day)).hasMinutes(65);
        assertThat(Deliveries.redirectLifetime(500_000_000_000L, day)).isEqualTo(day);
        assertThat(Deliveries.redirectLifetime(50_000_000_000L, java.time.Duration.ofHours(2))).hasHours(2);
    }

    @Test
    void manyFansClickingTheSameFileWithinAMinuteShareOneSignedUrl() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(DeliveryFixtures.env(s3, s3.createFreshBucket()))) {
            ApiClient api = new ApiClient(server);
            DeliveryFixtures.Bought first = DeliveryFixtures.buy(server, api);
            String otherFan = api.post("/api/releases/" + first.release() + "/purchases", first.token(), Map.of("email", "other@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
            String one = DeliveryFixtures.location(first.link());
            String two = DeliveryFixtures.location(otherFan);
            assertThat(two).isEqualTo(one);
            HttpResponse<byte[]> file = http.send(HttpRequest.newBuilder(URI.create(two)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(file.body()).isEqualTo(first.bytes());
            // Each fan's click is still checked and counted on its own.
            DeliveryFixtures.settle(api, first);
            assertThat(new DownloadCounter(server.gatefold.database().jdbi()).downloads(first.entitlementId(), first.fileId()))
                    .isEqualTo(1);
        }
    }

    @Test
    void aStoreThatGoesDownAnswers503WithRetryAfterAndSpendsNothing() throws Exception {
        S3ProxyServer own = S3ProxyServer.start();
        TestServer server = TestServer.start(DeliveryFixtures.env(own, own.createFreshBucket()));
        try {
            DeliveryFixtures.Bought bought = DeliveryFixtures.buy(server, new ApiClient(server));
            assertThat(http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(302);
            DeliveryFixtures.settle(new ApiClient(server), bought);
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
            DeliveryFixtures.settle(api, bought);
            int spent = counter.downloads(bought.entitlementId(), bought.fileId());
            for (int i = 0; i < 3; i++) {
                assertThat(http.send(HttpRequest.newBuilder(URI.create(bought.link())).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode()).isEqualTo(503);
            }
            DeliveryFixtures.settle(api, bought);
            assertThat(counter.downloads(bought.entitlementId(), bought.fileId())).isEqualTo(spent);
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(503);
        } finally {
            server.close();
            own.close();
        }
    }
}
