package gatefold.server.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ServerProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * Each password check takes 19 MiB. A flood of bad sign-ins against a server with a small
 * heap must slow sign-ins down (429 with Retry-After) and never run it out of memory.
 */
class PasswordFloodTest {

    static final int FLOOD = 500;

    @Test
    void fiveHundredConcurrentBadSignInsLeaveASmallHeapServerAnswering() throws Exception {
        Map<String, String> env = Map.of("GATEFOLD_PORT", "0",
                "GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-flood").toString(),
                "GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32");
        try (ServerProcess server = ServerProcess.start(env, "-Xmx256m")) {
            int port = server.awaitListening(Duration.ofSeconds(60));
            ExecutorService threads = Executors.newFixedThreadPool(64);
            HttpClient http = HttpClient.newBuilder().executor(threads).connectTimeout(Duration.ofSeconds(30)).build();
            try {
                List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
                for (int i = 0; i < FLOOD; i++) {
                    // Every guess from its own address and for its own email, so only the hashing limit stands in the way.
                    String body = "{\"email\":\"flood" + i + "@example.com\",\"password\":\"guess number " + i + "\"}";
                    flood.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tokens"))
                                    .timeout(Duration.ofSeconds(120)).header("Content-Type", "application/json")
                                    .header("X-Forwarded-For", "10." + (i / 250) + "." + (i % 250) + ".1")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString()));
                }
                HttpResponse<String> live = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live"))
                        .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(live.statusCode()).isEqualTo(200);

                int busy = 0;
                int reset = 0;
                for (CompletableFuture<HttpResponse<String>> f : flood) {
                    HttpResponse<String> res;
                    try {
                        res = f.join();
                    } catch (java.util.concurrent.CompletionException e) {
                        // A burst of 500 new connections can overflow the kernel's accept queue on a loaded machine:
                        // a connection refused before any request is read says nothing about the server's heap.
                        reset++;
                        continue;
                    }
                    assertThat(res.statusCode()).as(res.body()).isIn(401, 429);
                    if (res.statusCode() == 429 && res.body().contains("being checked right now")) {
                        assertThat(res.headers().firstValue("Retry-After")).isPresent();
                        busy++;
                    }
                }
                assertThat(busy).as("requests turned away while every hashing permit was taken").isPositive();
                assertThat(reset).as("connections the machine could not accept").isLessThan(FLOOD / 20);
                assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/live")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            } finally {
                threads.shutdownNow();
            }
            assertThat(server.stdout() + server.stderr()).doesNotContain("OutOfMemoryError");
        }
    }
}
