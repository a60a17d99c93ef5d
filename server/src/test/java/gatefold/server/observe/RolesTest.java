package gatefold.server.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.ServerProcess;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** GATEFOLD_ROLE / serve --role: web instances run no background work, workers run it and answer only health and metrics. */
class RolesTest {

    static final String ADMIN = "gfa_roles-test-admin-token-0123456789";
    static final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aWebInstanceLeavesUploadsUnverifiedUntilAWorkerOnTheSameDatabaseVerifiesThem() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-roles");
        try (TestServer web = TestServer.start(dir, Map.of("GATEFOLD_ROLE", "web", "GATEFOLD_ADMIN_TOKEN", ADMIN))) {
            ApiClient api = new ApiClient(web);
            String token = api.post("/api/artists", ADMIN, Map.of("name", "Roles", "email", "roles@example.com")).text("apiToken");
            String release = api.newRelease(token, Map.of("title", "Split", "kind", "music", "pricing", "fixed", "price", "4.00"));
            String fileId = resumableUpload(api, token, release);
            assertThatThrownBy(web.gatefold::jobs).hasMessageContaining("web");

            // The verifier would run every 2 seconds on an instance that runs background work.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(8))
                    .until(() -> !verified(api, token, release, fileId));

            try (TestServer worker = TestServer.start(dir, Map.of("GATEFOLD_ROLE", "worker", "GATEFOLD_ADMIN_TOKEN", ADMIN))) {
                assertThat(worker.get("/health/live").statusCode()).isEqualTo(200);
                assertThat(worker.get("/health/ready").statusCode()).isEqualTo(200);
                assertThat(worker.get("/api/releases", "Authorization", "Bearer " + token).statusCode()).isEqualTo(404);
                assertThat(worker.get("/").statusCode()).isEqualTo(404);
                HttpResponse<String> metrics = worker.get("/metrics", "Authorization", "Bearer " + ADMIN);
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(PrometheusText.parse(metrics.body()).value("gatefold_info", "role", "worker")).isEqualTo(1);
                await().atMost(Duration.ofSeconds(30)).until(() -> verified(api, token, release, fileId));
            }
        }
    }

    private static boolean verified(ApiClient api, String token, String release, String fileId) {
        return api.get("/api/releases/" + release + "/files/" + fileId, token).json().path("verified").asBoolean();
    }

    /** One part to the local store, then complete: the file exists at once, its checksum waits for background work. */
    private static String resumableUpload(ApiClient api, String token, String release) throws Exception {
        byte[] bytes = new byte[200_000];
        new Random(9).nextBytes(bytes);
        System.arraycopy("fLaC".getBytes(), 0, bytes, 0, 4);
        Reply started = api.post("/api/releases/" + release + "/uploads", token,
                Map.of("name", "01 Intro.flac", "size", bytes.length, "contentType", "audio/flac"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        String uploadId = started.text("uploadId");
        Reply where = api.post("/api/uploads/" + uploadId + "/parts/1", token, null);
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(where.text("url")))
                .method(where.text("method"), HttpRequest.BodyPublishers.ofByteArray(bytes));
        where.json().path("headers").fields().forEachRemaining(h -> {
            if (!h.getKey().equalsIgnoreCase("host") && !h.getKey().equalsIgnoreCase("content-length")) {
                put.header(h.getKey(), h.getValue().asText());
            }
        });
        Reply sent = api.exchange(put);
        assertThat(sent.status()).as(sent.toString()).isEqualTo(200);
        String etag = sent.raw().headers().firstValue("ETag").orElseThrow().replace("\"", "");
        Reply done = api.post("/api/uploads/" + uploadId + "/complete", token, Map.of("parts", List.of(Map.of("n", 1, "etag", etag))));
        assertThat(done.status()).as(done.toString()).isEqualTo(201);
        assertThat(done.json().path("verified").asBoolean()).isFalse();
        return done.text("id");
    }

    @Test
    void serveRoleWorkerOnTheCommandLineAnswersHealthButNotTheStore() throws Exception {
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-worker").toString(),
                "GATEFOLD_PORT", "0", "GATEFOLD_ADMIN_TOKEN", ADMIN);
        try (ServerProcess server = ServerProcess.start(env, List.of("--role", "worker"))) {
            String base = "http://127.0.0.1:" + server.awaitListening(Duration.ofSeconds(60));
            assertThat(status(base + "/health/live")).isEqualTo(200);
            assertThat(status(base + "/api/releases")).isEqualTo(404);
            assertThat(status(base + "/d/eyJhbGciOiJIUzI1NiJ9.e30.abc")).isEqualTo(404);
            assertThat(server.stdout()).contains("role: worker");
        }
    }

    @Test
    void anUnknownRoleStopsTheStartWithOneLine() throws Exception {
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-role").toString(), "GATEFOLD_PORT", "0");
        try (ServerProcess server = ServerProcess.start(env, List.of("--role", "cook"))) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            assertThat(server.stderr().strip()).isEqualTo("gatefold: GATEFOLD_ROLE=cook is not a role; use web, worker or all");
        }
    }

    private static int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
