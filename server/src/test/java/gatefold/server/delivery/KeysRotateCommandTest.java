package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeysRotateCommandTest {

    static String kidOf(String link) {
        String header = link.substring(link.indexOf("/d/") + 3).split("\\.")[0];
        return new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8).replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void gatefoldKeysRotateSignsNewLinksWithANewKeyWhileOldLinksKeepWorking() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-keys");
        String oldLink;
        String release;
        String token;
        try (TestServer server = TestServer.start(dir, Map.of("GATEFOLD_ADMIN_TOKEN", "gfa_keys-rotate-admin-token-0123456789"))) {
            ApiClient api = new ApiClient(server);
            token = api.post("/api/artists", "gfa_keys-rotate-admin-token-0123456789",
                    Map.of("name", "Rotator", "email", "rotator@example.com")).text("apiToken");
            release = api.newRelease(token, Map.of("title", "Keys", "kind", "other", "pricing", "free"));
            api.put("/api/releases/" + release + "/files/a.bin", token, HttpRequest.BodyPublishers.ofByteArray(new byte[1000]));
            oldLink = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
        }

        ProcessBuilder rotate = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "gatefold.server.Main", "keys", "rotate"))
                .redirectErrorStream(true);
        rotate.environment().keySet().removeIf(k -> k.startsWith("GATEFOLD_"));
        rotate.environment().put("GATEFOLD_DATA_DIR", dir.toString());
        Process process = rotate.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("now signed with key");

        try (TestServer server = TestServer.start(dir, Map.of("GATEFOLD_ADMIN_TOKEN", "gfa_keys-rotate-admin-token-0123456789"))) {
            ApiClient api = new ApiClient(server);
            String newLink = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan2@example.com"))
                    .json().path("downloads").get(0).path("url").asText();
            assertThat(kidOf(newLink)).isNotEqualTo(kidOf(oldLink));
            assertThat(output).contains(kidOf(newLink));
            HttpClient http = HttpClient.newHttpClient();
            String oldOnNewPort = server.url(URI.create(oldLink).getPath());
            assertThat(http.send(HttpRequest.newBuilder(URI.create(oldOnNewPort)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
            assertThat(http.send(HttpRequest.newBuilder(URI.create(newLink)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode()).isEqualTo(200);
        }
    }
}
