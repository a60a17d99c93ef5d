package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.faults.ChildGatefold;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A server at {@code -Xmx256m} exports an artist with a file larger than its heap, and is killed
 * with SIGKILL while the export is being built: the store shows no archive, and the restarted
 * server builds it again (the same export, no second one), streams it whole and mails it once.
 */
class KilledExportTest {

    static final long BIG = 400L * 1024 * 1024;

    @Test
    void anExportKilledMidwayIsBuiltAgainAfterTheRestartAndNeverShowsHalfAnArchive() throws Exception {
        try (ChildGatefold child = ChildGatefold.start(Map.of())) {
            ApiClient api = child.api();
            ApiClient.NewArtist artist = api.newArtist("Big Band", "big@example.com");
            String release = api.newRelease(artist.token(), Map.of("title", "Long Player", "kind", "other", "pricing", "free"));
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> new Generated(BIG)), BIG);
            ApiClient.Reply put = api.put("/api/releases/" + release + "/files/long.bin", artist.token(), body);
            assertThat(put.status()).as(put.toString()).isEqualTo(201);

            String id = api.post("/api/export", artist.token(), null).text("id");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> status(child, artist.token()).path("state").asText().equals("building"));
            // Past H2's write delay (about a second; an embedded H2 killed sooner forgets its last commits, the export's row
            // among them) and into the stream of the big file, which takes seconds.
            Thread.sleep(1500);
            assertThat(status(child, artist.token()).path("state").asText()).isEqualTo("building");
            child.kill();
            assertThat(archivesIn(child.dataDir())).as("no archive in the store after the kill").isEmpty();

            child.restart();
            long started = System.nanoTime();
            try {
                await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> status(child, artist.token()).path("state").asText().equals("ready"));
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                String out = child.output();
                throw new AssertionError(status(child, artist.token()) + "\n" + out.substring(Math.max(0, out.length() - 6000)), e);
            }
            JsonNode ready = status(child, artist.token());
            assertThat(ready.path("id").asText()).isEqualTo(id);
            System.out.printf("export of %d MiB rebuilt and ready %.1f s after the restart%n", BIG >> 20,
                    (System.nanoTime() - started) / 1e9);
            assertThat(archivesIn(child.dataDir())).hasSize(1);

            Path file = Files.createTempFile("gatefold-big-export", ".tar");
            try {
                HttpResponse<Path> got = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(ready.path("downloadUrl").asText())).build(), HttpResponse.BodyHandlers.ofFile(file));
                assertThat(got.statusCode()).isEqualTo(200);
                assertThat(Files.size(file)).isEqualTo(ready.path("size").asLong()).isGreaterThan(BIG);
                verify(file);
            } finally {
                Files.deleteIfExists(file);
            }
            JsonNode outbox = ApiClient.JSON.readTree(api.get("/api/admin/outbox", ChildGatefold.ADMIN_TOKEN).body());
            long mails = 0;
            for (JsonNode mail : outbox) {
                if (mail.path("subject").asText().equals("Your export is ready")) {
                    mails++;
                }
            }
            assertThat(mails).isEqualTo(1);
        }
    }

    /** Every blob entry of the archive (read as a stream) matches the manifest's SHA-256. */
    private static void verify(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            TarReader tar = new TarReader(in);
            Optional<TarReader.Entry> first = tar.next();
            assertThat(first).map(TarReader.Entry::name).hasValue(ArchiveLayout.MANIFEST);
            JsonNode manifest = ApiClient.JSON.readTree(tar.body().readAllBytes());
            Map<String, String> sums = new java.util.HashMap<>();
            manifest.path("blobs").forEach(b -> sums.put(b.path("entry").asText(), b.path("sha256").asText()));
            assertThat(sums).hasSize(1);
            int checked = 0;
            for (Optional<TarReader.Entry> e = tar.next(); e.isPresent(); e = tar.next()) {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                try (DigestInputStream body = new DigestInputStream(tar.body(), sha)) {
                    body.transferTo(java.io.OutputStream.nullOutputStream());
                }
                if (sums.containsKey(e.get().name())) {
                    assertThat(HexFormat.of().formatHex(sha.digest())).isEqualTo(sums.get(e.get().name()));
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(1);
        }
    }

    private static List<Path> archivesIn(Path dataDir) throws Exception {
        Path exports = dataDir.resolve("store").resolve("blobs").resolve("exports");
        if (!Files.exists(exports)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(exports)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private static JsonNode status(ChildGatefold child, String token) throws Exception {
        HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(child.url("/api/export"))).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        return ApiClient.JSON.readTree(res.body());
    }

    /** Bytes that look like media to nobody and cost no memory: a counter through a cheap mix. */
    static final class Generated extends InputStream {
        private final long size;
        private long at;

        Generated(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            return at < size ? mix(at++) : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (at >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - at);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) mix(at++);
            }
            return n;
        }

        private static int mix(long i) {
            long x = i * 0x9E3779B97F4A7C15L;
            return (int) (x >>> 56) & 0xff;
        }
    }
}
