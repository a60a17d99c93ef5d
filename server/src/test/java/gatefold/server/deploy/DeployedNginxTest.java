package gatefold.server.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * deploy/nginx.conf, as shipped, in front of two Gatefold instances on one database: only the
 * lines marked "# instance" (where to listen, where the instances are) and the temp paths
 * differ from what an operator runs. Big uploads and downloads pass whole, every answer
 * carries nginx's request id, nginx's log names routes and never a link's secret.
 */
class DeployedNginxTest {

    static final String ADMIN = "gfa_deployed-nginx-admin-token-0123456789";
    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Test
    void theShippedConfigurationStreamsBigFilesBothWaysAndKeepsSecretsOutOfItsLog() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-behind-nginx");
        Map<String, String> env = Map.of("GATEFOLD_ADMIN_TOKEN", ADMIN);
        try (TestServer one = TestServer.start(dir, env); TestServer two = TestServer.start(dir, env);
             ShippedNginx nginx = ShippedNginx.start(one.gatefold.port(), two.gatefold.port())) {
            String base = "http://127.0.0.1:" + nginx.port();
            ApiClient api = new ApiClient(one);
            String token = api.post("/api/artists", ADMIN, Map.of("name", "Proxied", "email", "proxied@example.com")).text("apiToken");
            String release = api.newRelease(token, Map.of("title", "Big", "kind", "other", "pricing", "fixed", "price", "2.00"));
            byte[] bytes = new byte[12 * 1024 * 1024];
            new Random(17).nextBytes(bytes);
            System.arraycopy(new byte[] {'P', 'K', 3, 4}, 0, bytes, 0, 4);

            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/releases/" + release + "/files/big.zip"))
                    .header("Authorization", "Bearer " + token).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(put.body() + nginx.output()).isEqualTo(201);
            String link = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "proxied-fan@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
            String path = URI.create(link).getPath();

            HttpResponse<byte[]> whole = http.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(whole.statusCode()).isEqualTo(200);
            assertThat(whole.body()).isEqualTo(bytes);
            String requestId = whole.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(requestId).matches("[0-9a-f]{32}");
            HttpResponse<byte[]> range = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Range", "bytes=100-199").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(range.statusCode()).isEqualTo(206);
            assertThat(range.body()).isEqualTo(Arrays.copyOfRange(bytes, 100, 200));

            assertThat(status(base + "/metrics", "Authorization", "Bearer " + ADMIN)).isEqualTo(404);
            for (int i = 0; i < 6; i++) {
                assertThat(status(base + "/health/live")).isEqualTo(200);
            }
            assertThat(liveChecks(one)).isPositive();
            assertThat(liveChecks(two)).isPositive();

            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> nginx.output().contains("rid=" + requestId));
            String log = nginx.output();
            assertThat(log).contains("\"GET /d/{token}\" 200 " + bytes.length).contains("\"PUT /api/releases/" + release + "/files/big.zip\" 201");
            assertThat(log).doesNotContain(path.substring(3)).doesNotContain(token);
        }
    }

    private static int status(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** How many GET /health/live this instance answered, from its own metrics. */
    private static double liveChecks(TestServer server) {
        String text = server.get("/metrics", "Authorization", "Bearer " + ADMIN).body();
        return text.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{") && l.contains("route=\"/health/live\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
