package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redirect mode: clicks the Jetty fast path answers are counted like the route's, once each, with a request id. */
class FastPathMetricsTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void fastPathRedirectsAndRefusalsAreEachCountedOnceUnderTheLinkRoute() throws Exception {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey()))) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Redirected", "redirected@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Far", "kind", "other", "pricing", "fixed", "price", "3.00"));
            assertThat(api.put("/api/releases/" + release + "/files/notes.zip", token,
                    HttpRequest.BodyPublishers.ofByteArray(new byte[] {'P', 'K', 3, 4, 0, 0, 0, 0})).status()).isEqualTo(201);
            String link = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "far-fan@example.com"))
                    .json().path("downloads").get(0).path("url").asText();

            HttpResponse<String> click = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(click.statusCode()).isEqualTo(302);
            assertThat(click.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).matches("[0-9a-z]{16}"));
            HttpResponse<String> sameId = http.send(HttpRequest.newBuilder(URI.create(link)).header("X-Request-Id", "proxy-4f2a").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(sameId.headers().firstValue("X-Request-Id")).hasValue("proxy-4f2a");
            String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
            HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(tampered)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(refused.headers().allValues("X-Request-Id")).hasSize(1);

            PrometheusText metrics = PrometheusText.parse(MetricsTest.scrape(server, api.adminToken()));
            assertThat(metrics.value("http_server_requests_seconds_count", "method", "GET", "route", "/d/{token}", "status", "3xx"))
                    .isEqualTo(2);
            assertThat(metrics.value("http_server_requests_seconds_count", "method", "GET", "route", "/d/{token}", "status", "4xx"))
                    .isEqualTo(1);
            assertThat(metrics.value("gatefold_link_resolutions_total", "outcome", "redirect", "reason", "none")).isEqualTo(2);
            // The fast path passes a refusal on to the route, which decides again: still one refusal.
            assertThat(metrics.value("gatefold_link_resolutions_total", "outcome", "refused", "reason", "invalid_link")).isEqualTo(1);
            assertThat(metrics.value("gatefold_downloads_started_total", "mode", "redirect")).isEqualTo(2);
            assertThat(metrics.value("gatefold_download_sent_bytes_total", "mode", "redirect")).isZero();
            assertThat(metrics.value("gatefold_store_requests_seconds_count", "operation", "presign_get", "outcome", "ok"))
                    .isGreaterThanOrEqualTo(1);
        }
    }
}
