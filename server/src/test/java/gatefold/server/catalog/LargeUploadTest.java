package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.ServerProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A 1 GiB chunked PUT into a real server process with a 256 MiB heap: bytes stream, never buffer. */
@Tag("large")
class LargeUploadTest {

    static final long GIB = 1L << 30;
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aOneGibChunkedPutAndItsDownloadSucceedInAServerWithA256MibHeap() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-large");
        String admin = "gfa_large-upload-test-admin-token-0123456789";
        try (ServerProcess server = ServerProcess.start(Map.of("GATEFOLD_DATA_DIR", dir.toString(), "GATEFOLD_PORT", "0",
                "GATEFOLD_ADMIN_TOKEN", admin), "-Xmx256m")) {
            int port = server.awaitListening(Duration.ofSeconds(60));
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + port;
            JsonNode artist = json(http.send(post(base + "/api/artists", admin,
                    "{\"name\":\"Big Film Maker\",\"email\":\"film@example.com\"}"), HttpResponse.BodyHandlers.ofString()));
            String token = artist.path("apiToken").asText();
            JsonNode release = json(http.send(post(base + "/api/releases", token,
                    "{\"title\":\"Long Take\",\"kind\":\"other\",\"pricing\":\"free\"}"), HttpResponse.BodyHandlers.ofString()));

            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            HttpRequest put = HttpRequest.newBuilder(URI.create(base + "/api/releases/" + release.path("id").asText()
                            + "/files/long-take.bin"))
                    .header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(generated(GIB), sent)))
                    .timeout(Duration.ofMinutes(5))
                    .build();
            HttpResponse<String> reply = http.send(put, HttpResponse.BodyHandlers.ofString());
            assertThat(reply.statusCode()).as(reply.body() + server.stderr()).isEqualTo(201);
            JsonNode file = json(reply);
            assertThat(file.path("size").asLong()).isEqualTo(GIB);
            assertThat(file.path("sha256").asText()).isEqualTo(HexFormat.of().formatHex(sent.digest()));

            // And back out: a fan downloads it through a signed link, streamed in constant memory.
            JsonNode purchase = json(http.send(post(base + "/api/releases/" + release.path("id").asText() + "/purchases", token,
                    "{\"email\":\"fan@example.com\"}"), HttpResponse.BodyHandlers.ofString()));
            String link = purchase.path("downloads").get(0).path("url").asText().replaceFirst("http://localhost:\\d+", base);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            HttpResponse<InputStream> download = http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            long count = 0;
            try (InputStream in = download.body()) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    received.update(buffer, 0, n);
                    count += n;
                }
            }
            assertThat(count).isEqualTo(GIB);
            assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(file.path("sha256").asText());
            assertThat(server.stdout() + server.stderr()).doesNotContain("OutOfMemoryError");
        } finally {
            deleteTree(dir);
        }
    }

    static HttpRequest post(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static JsonNode json(HttpResponse<String> res) throws Exception {
        return JSON.readTree(res.body());
    }

    /** Pseudo-random bytes of the given length, made as they are read. */
    static InputStream generated(long length) {
        return new InputStream() {
            final Random random = new Random(42);
            final byte[] block = new byte[64 * 1024];
            long left = length;
            int pos = block.length;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left == 0) {
                    return -1;
                }
                if (pos == block.length) {
                    random.nextBytes(block);
                    pos = 0;
                }
                int n = (int) Math.min(Math.min(len, block.length - pos), left);
                System.arraycopy(block, pos, b, off, n);
                pos += n;
                left -= n;
                return n;
            }
        };
    }

    static void deleteTree(Path dir) throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
