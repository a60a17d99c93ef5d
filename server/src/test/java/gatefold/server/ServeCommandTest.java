package gatefold.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServeCommandTest {

    @Test
    void serveStartsOnEmbeddedDefaultsAndStopsCleanlyOnSigterm() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-serve");
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", dir.toString(), "GATEFOLD_PORT", "0");
        try (ServerProcess server = ServerProcess.start(env)) {
            int port = server.awaitListening(Duration.ofSeconds(60));
            assertThat(server.stdout()).contains("Admin token");
            assertThat(ready(port)).isEqualTo(200);
            server.terminate();
            server.awaitExit(Duration.ofSeconds(30));
            assertThat(server.stdout() + server.stderr()).contains("stopped")
                    .as("the store closes its database itself, after the last writes, not H2's exit hook under them")
                    .doesNotContain("already closed").doesNotContain("could not stop").doesNotContain("could not record");
        }
        // The database was closed cleanly: a second start opens it and does not mint another admin token.
        try (ServerProcess again = ServerProcess.start(env)) {
            int port = again.awaitListening(Duration.ofSeconds(60));
            assertThat(ready(port)).isEqualTo(200);
            assertThat(again.stdout()).doesNotContain("Admin token");
        }
    }

    static int ready(int port) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
