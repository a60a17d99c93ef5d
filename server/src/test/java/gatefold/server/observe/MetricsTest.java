package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** GET /metrics scraped over HTTP and read as Prometheus text, after a download, an upload and a 404. */
class MetricsTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    @RegisterExtension
    static final TestServer server = TestServer.start();
    static final ApiClient api = new ApiClient(server);

    static String scrape(TestServer server, String adminToken) throws Exception {
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(URI.create(server.url("/metrics")))
                .header("Authorization", "Bearer " + adminToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
        return reply.body();
    }

    @Test
    void metricsNeedTheAdminToken() {
        String artist = api.newArtist("Not Admin", "not-admin@example.com").token();
        assertThat(server.get("/metrics").statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics", "Authorization", "Bearer " + artist).statusCode()).isEqualTo(401);
        assertThat(server.get("/metrics", "Authorization", "Bearer gfa_wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aDownloadAnUploadAndA404ShowUpByRouteTemplateWithNoSecretInAnyLabel() throws Exception {
        String email = "metrics-artist@example.com";
        ApiClient.NewArtist artist = api.newArtist("Metrics Artist", email);
        String release = api.newRelease(artist.token(), Map.of("title", "Counted", "kind", "music", "pricing", "fixed", "price", "5.00"));
        byte[] bytes = new byte[300_000];
        new Random(3).nextBytes(bytes);
        System.arraycopy("fLaC".getBytes(), 0, bytes, 0, 4);
        Reply file = api.put("/api/releases/" + release + "/files/" + ApiClient.enc("01 Song.flac"), artist.token(),
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(file.status()).as(file.toString()).isEqualTo(201);
        Reply purchase = api.post("/api/releases/" + release + "/purchases", artist.token(), Map.of("email", "fan-metrics@example.com"));
        String link = purchase.json().path("downloads").get(0).path("url").asText();

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(bytes);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(link)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        String tampered = link.substring(0, link.length() - 3) + (link.endsWith("AAA") ? "BBB" : "AAA");
        assertThat(server.get(URI.create(tampered).getPath()).statusCode()).isEqualTo(403);
        assertThat(server.get("/no/such/page").statusCode()).isEqualTo(404);

        PrometheusText metrics = PrometheusText.parse(scrape(server, api.adminToken()));

        assertThat(metrics.types).containsEntry("http_server_requests_seconds", "histogram");
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "GET", "route", "/d/{token}", "status", "2xx")).isEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "HEAD", "route", "/d/{token}", "status", "2xx")).isEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "GET", "route", "/d/{token}", "status", "4xx")).isEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "PUT", "route", "/api/releases/{id}/files/{name}",
                "status", "2xx")).isEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_count", "method", "GET", "route", "(no route)", "status", "4xx"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("http_server_requests_seconds_bucket", "route", "/d/{token}", "method", "GET", "status", "2xx",
                "le", "+Inf")).isEqualTo(1);

        assertThat(metrics.value("gatefold_link_resolutions_total", "outcome", "stream", "reason", "none")).isEqualTo(1);
        assertThat(metrics.value("gatefold_link_resolutions_total", "outcome", "headers", "reason", "none")).isEqualTo(1);
        assertThat(metrics.value("gatefold_link_resolutions_total", "outcome", "refused", "reason", "invalid_link")).isEqualTo(1);
        assertThat(metrics.value("gatefold_downloads_started_total", "mode", "stream")).isEqualTo(1);
        assertThat(metrics.value("gatefold_download_sent_bytes_total", "mode", "stream")).isEqualTo(bytes.length);
        assertThat(metrics.value("gatefold_uploads_completed_total", "kind", "file")).isEqualTo(1);
        assertThat(metrics.value("gatefold_upload_received_bytes_total", "kind", "file")).isEqualTo(bytes.length);
        assertThat(metrics.value("gatefold_store_requests_seconds_count", "operation", "put", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gatefold_store_requests_seconds_count", "operation", "get", "outcome", "ok")).isGreaterThanOrEqualTo(1);
        assertThat(metrics.value("gatefold_info", "role", "all", "store", "file", "delivery", "stream")).isEqualTo(1);

        assertThat(metrics.value("hikaricp_connections_usage_seconds_count", "pool", "gatefold-db")).isGreaterThan(0);
        assertThat(metrics.find("hikaricp_connections_active", "pool", "gatefold-db")).isPresent();
        assertThat(metrics.named("jvm_memory_used_bytes").stream().filter(m -> "heap".equals(m.label("area")))
                .mapToDouble(PrometheusText.Sample::value).sum()).isGreaterThan(0);
        assertThat(metrics.find("jvm_gc_memory_allocated_bytes_total")).isPresent();
        assertThat(metrics.value("jvm_threads_live_threads")).isGreaterThan(0);
        assertThat(metrics.find("process_uptime_seconds")).isPresent();

        metrics.types.forEach((name, type) -> {
            if (type.equals("counter")) {
                assertThat(name).as("counter names end in _total").endsWith("_total");
            }
        });
        List<String> secrets = List.of(URI.create(link).getPath().substring(3), artist.token(), api.adminToken(), email,
                "fan-metrics@example.com", release, file.text("id"), purchase.text("id"));
        for (PrometheusText.Sample sample : metrics.samples) {
            for (String value : sample.labels().values()) {
                assertThat(value).as(sample.toString()).doesNotContain("/d/ey").doesNotContain("@").doesNotContain("/no/such");
                secrets.forEach(secret -> assertThat(value).as(sample.toString()).doesNotContain(secret));
            }
        }
    }

    @Test
    void theJobQueueReportsDepthPerLaneAndStateAndRunsPerKind() throws Exception {
        JobMetrics jobs = server.gatefold.services().core().metrics().jobs();
        jobs.depthFrom(() -> List.of(new JobMetrics.Depth("media", "queued", 3), new JobMetrics.Depth("mail", "running", 1)));
        jobs.finished("media.transcode", Duration.ofMillis(1500), false);
        jobs.finished("media.transcode", Duration.ofMillis(200), true);

        PrometheusText metrics = PrometheusText.parse(scrape(server, api.adminToken()));
        assertThat(metrics.value("gatefold_job_queue_depth", "lane", "media", "state", "queued")).isEqualTo(3);
        assertThat(metrics.value("gatefold_job_queue_depth", "lane", "mail", "state", "running")).isEqualTo(1);
        assertThat(metrics.value("gatefold_job_duration_seconds_count", "kind", "media.transcode", "outcome", "done")).isEqualTo(1);
        assertThat(metrics.value("gatefold_job_duration_seconds_sum", "kind", "media.transcode", "outcome", "done")).isEqualTo(1.5);
        assertThat(metrics.value("gatefold_job_failures_total", "kind", "media.transcode")).isEqualTo(1);

        // A queue that cannot be read keeps its last figures, and the scrape still answers.
        jobs.depthFrom(() -> {
            throw new IllegalStateException("database down");
        });
        assertThat(PrometheusText.parse(scrape(server, api.adminToken())).value("gatefold_job_queue_depth", "lane", "media",
                "state", "queued")).isEqualTo(3);
        jobs.depthFrom(List::of);
    }

    @Test
    void aSeparateMetricsPortAnswersWithoutATokenAndTheMainPortNoLongerDoes() throws Exception {
        try (TestServer own = TestServer.start(Map.of("GATEFOLD_METRICS_PORT", "0"))) {
            int port = own.gatefold.metricsPort().orElseThrow();
            assertThat(port).isNotEqualTo(own.gatefold.port());
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(PrometheusText.parse(scraped.body()).find("jvm_threads_live_threads")).isPresent();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/other")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
            String admin = own.gatefold.adminTokenShownOnce().orElseThrow();
            assertThat(own.get("/metrics", "Authorization", "Bearer " + admin).statusCode()).isEqualTo(404);
        }
    }
}
