package gatefold.server.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The S3 server dies (SIGKILL) while a fan downloads through Gatefold and an artist streams a
 * file in, then comes back on the same port with the same data. The fan's download ends in an
 * error rather than a file cut short and called whole, the upload is refused and leaves no file,
 * readiness says the store is down and new clicks hear "try again"; once S3 is back the same
 * server serves again and the download resumes where it stopped.
 */
class StoreOutageTest {

    static final int MIB = 1024 * 1024;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void whileS3IsDownTransfersFailCleanlyAndAfterwardsTheyResume() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            String bucket = s3.createFreshBucket();
            Map<String, String> env = Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                    "GATEFOLD_S3_BUCKET", bucket, "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(), "GATEFOLD_S3_SECRET_KEY", s3.secretKey(),
                    // Bytes pass through the server, straight from S3 (no memory cache), so S3 dying cuts them.
                    "GATEFOLD_DELIVERY", "stream", "GATEFOLD_HOT_FILES_MB", "0");
            try (TestServer server = TestServer.start(env)) {
                ApiClient api = new ApiClient(server);
                String token = api.newArtist("Dropout", "dropout@example.com").token();
                String release = api.newRelease(token, Map.of("title", "Static", "kind", "other", "pricing", "fixed",
                        "price", "3.00", "downloadLimit", 1));
                // Larger than what the loopback's socket buffers can hold between S3, the server and the fan.
                byte[] film = KillNineTest.bytes(64 * MIB, 7);
                assertThat(api.put("/api/releases/" + release + "/files/film.bin", token,
                        HttpRequest.BodyPublishers.ofByteArray(film)).status()).isEqualTo(201);
                String link = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"))
                        .json().path("downloads").get(0).path("url").asText();

                InFlight.Download download = InFlight.startDownload(http, link, MIB);
                byte[] upload = KillNineTest.bytes(4 * MIB, 8);
                Socket put = InFlight.halfPut(server.url(""), "/api/releases/" + release + "/files/late.bin", token, upload,
                        upload.length / 2);
                await().atMost(Duration.ofSeconds(30)).until(() -> holds(server) == 1);

                s3.kill();

                // The fan's client sees the download break; it never gets a short file as if whole.
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                received.write(download.received());
                boolean broke = readRest(download.response().body(), received);
                assertThat(broke).as("the download ended in an error").isTrue();
                assertThat(received.size()).isLessThan(film.length);

                // The artist's upload is refused (or cut off), and no half file appears.
                int status = finishPut(put, upload, upload.length / 2);
                assertThat(status < 200 || status > 299).as("the half-stored upload answered " + status).isTrue();
                assertThat(fileNames(api, token, release)).containsExactly("film.bin");

                await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health/ready", null).status() == 503);
                assertThat(api.get("/health/ready", null).text("store")).isEqualTo("down");
                Reply click = api.exchange(HttpRequest.newBuilder(URI.create(link)));
                assertThat(click.status()).isEqualTo(503);
                assertThat(click.raw().headers().firstValue("Retry-After")).isPresent();

                s3.restart();

                await().atMost(Duration.ofSeconds(60)).until(() -> api.get("/health/ready", null).status() == 200);
                HttpResponse<byte[]> rest = http.send(HttpRequest.newBuilder(URI.create(link))
                        .header("Range", "bytes=" + received.size() + "-").header("If-Range", download.etag()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertThat(rest.statusCode()).isEqualTo(206);
                received.write(rest.body());
                assertThat(received.toByteArray()).isEqualTo(film);
                assertThat(api.put("/api/releases/" + release + "/files/late.bin", token,
                        HttpRequest.BodyPublishers.ofByteArray(upload)).status()).isEqualTo(201);
                assertThat(fileNames(api, token, release)).containsExactlyInAnyOrder("film.bin", "late.bin");
            }
        }
    }

    private static long holds(TestServer server) {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM storage_holds")
                .mapTo(Long.class).one());
    }

    /** Reads to the end; true when the stream broke with an error instead of ending. */
    private static boolean readRest(InputStream in, ByteArrayOutputStream into) {
        byte[] buffer = new byte[64 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                into.write(buffer, 0, n);
            }
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Sends the rest of the body and reads the status line; -1 when the server closed the connection without one. */
    private static int finishPut(Socket put, byte[] body, int sent) throws IOException {
        try (put) {
            put.setSoTimeout(60_000);
            try {
                put.getOutputStream().write(body, sent, body.length - sent);
                put.getOutputStream().flush();
            } catch (IOException closedEarly) {
                // The server may answer and close before reading the rest; its answer is still there to read.
            }
            String head = new String(put.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
        } catch (IOException reset) {
            return -1;
        }
    }

    private static List<String> fileNames(ApiClient api, String token, String release) {
        List<String> names = new ArrayList<>();
        api.get("/api/releases/" + release, token).json().path("files").forEach(f -> names.add(f.path("name").asText()));
        return names;
    }
}
