package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Uploading subtitles when things go wrong: uploads in one language at the same moment leave one
 * file and one row (the last recorded wins), and hostile files and names are refused with a clear
 * 4xx in the JSON error shape, leaving the film's subtitles and the store exactly as they were.
 */
class FilmSubtitleUploadsTest {

    static TestServer server;
    static ApiClient api;
    static String token;

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
        token = api.newArtist("Captioner", "captions@example.com").token();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static String film(String title) {
        return api.newRelease(token, Map.of("title", title, "kind", "film", "pricing", "fixed",
                "price", Map.of("amount", "5.00", "currency", "EUR")));
    }

    static String vtt(String words) {
        return "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + words + "\n";
    }

    @Test
    void uploadsInOneLanguageAtOnceLeaveOneFileAndOneRow() throws Exception {
        String release = film("Race");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 3; round++) {
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Reply>> uploads = new ArrayList<>();
                List<String> sent = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String body = vtt("Take " + round + "." + i);
                    sent.add(body);
                    String name = i % 2 == 0 ? "en.vtt" : "film.EN.vtt"; // one language, however it is written
                    uploads.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            throw new IllegalStateException(e);
                        }
                        return upload(release, name, body.getBytes(StandardCharsets.UTF_8));
                    }, pool));
                }
                go.countDown();
                for (CompletableFuture<Reply> upload : uploads) {
                    Reply reply = upload.get();
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
                    assertThat(reply.json().path("language").asText()).isEqualTo("en");
                }
                List<FilmSubtitle> rows = rows(release);
                assertThat(rows).hasSize(1);
                assertThat(rows.get(0).language()).isEqualTo("en");
                String key = rows.get(0).blobKey();
                assertThat(storedFiles(release)).singleElement().satisfies(file ->
                        assertThat(key).endsWith("/" + file.getFileName()));
                assertThat(sent).contains(new String(Files.readAllBytes(storedFiles(release).get(0)), StandardCharsets.UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(api.get("/api/releases/" + release + "/film", token).json().path("subtitles").findValuesAsText("language"))
                .containsExactly("en");
        assertThat(api.delete("/api/releases/" + release + "/subtitles/EN", token).status()).isEqualTo(204);
        assertThat(rows(release)).isEmpty();
        assertThat(storedFiles(release)).isEmpty();
    }

    @Test
    void hostileFilesAndNamesAreRefusedAndChangeNothing() throws Exception {
        String release = film("Hostile");
        assertThat(upload(release, "en.vtt", vtt("Kept").getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(201);
        List<FilmSubtitle> rowsBefore = rows(release);
        List<Path> filesBefore = storedFiles(release);
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        byte[] disguised = (vtt("x") + "\u0000\u0001\u0002\u0000garbage\n").getBytes(StandardCharsets.UTF_8);

        refused(upload(release, "en.srt", new byte[3 * 1024 * 1024]), 413, "2 MB");
        refused(put(release, "en.vtt", HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                new byte[3 * 1024 * 1024]))), 413, "2 MB"); // chunked: no length to check beforehand
        refused(upload(release, "en.srt", noise), 422, "binary");
        refused(upload(release, "en.vtt", disguised), 422, "binary");
        refused(upload(release, "en.srt", new byte[0]), 422, "no subtitles");
        refused(upload(release, "en.srt", "1\n00:00:05,000 --> 00:00:01,000\nBackwards\n".getBytes(StandardCharsets.UTF_8)), 422, "ends before");
        refused(upload(release, "en.vtt", vtt("x").replace("00:00:02.000", "00:00:00.500").getBytes(StandardCharsets.UTF_8)), 422,
                "ends before");
        refused(upload(release, "en.srt", "1\n00:00:01,000 -> 00:00:02\nBroken\n".getBytes(StandardCharsets.UTF_8)), 422, "timing");
        refused(upload(release, "en.vtt", vtt("x").replace("00:00:01.000", "00:99:01.000").getBytes(StandardCharsets.UTF_8)), 422,
                "timing");
        byte[] fine = vtt("Replaced?").getBytes(StandardCharsets.UTF_8);
        for (String name : List.of("x.vtt", "%24%28touch%20pwned%29.en.vtt", "%60id%60.en.vtt", "en.vtt%3Brm%20-rf", "en.exe",
                "a%7Cb.en.vtt", "..%5Cen.vtt")) {
            refused(upload(release, name, fine), 422, "name a subtitle file");
        }
        for (String name : List.of("..%2Fen.vtt", "..%2F..%2Fx.vtt", "%2E%2E%2Fen.vtt")) {
            Reply reply = upload(release, name, fine);
            assertThat(reply.status()).as(name + ": " + reply).isBetween(400, 499);
        }

        // A menu label that is only control characters becomes the language's name, never an empty NAME in a playlist.
        String other = film("Labels");
        Reply labelled = upload(other, "fr.vtt?name=%00%01%0A%0D", fine);
        assertThat(labelled.status()).as(labelled.toString()).isEqualTo(201);
        assertThat(labelled.json().path("name").asText()).isEqualTo("French");

        assertThat(rows(release)).isEqualTo(rowsBefore);
        assertThat(storedFiles(release)).isEqualTo(filesBefore);
        assertThat(Files.readString(filesBefore.get(0))).contains("Kept");
    }

    static Reply upload(String release, String file, byte[] body) {
        return put(release, file, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    static Reply put(String release, String file, HttpRequest.BodyPublisher body) {
        return api.put("/api/releases/" + release + "/subtitles/" + file, token, body);
    }

    static void refused(Reply reply, int status, String says) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        JsonNode error = reply.json();
        assertThat(error.path("error").asText()).as(reply.toString()).isNotBlank();
        assertThat(error.path("message").asText()).as(reply.toString()).containsIgnoringCase(says);
    }

    static List<FilmSubtitle> rows(String release) {
        return server.gatefold.services().watch().subtitles().of(release);
    }

    /** The subtitle files in the store for this film (the local store keeps each blob at its key). */
    static List<Path> storedFiles(String release) throws IOException {
        try (Stream<Path> walk = Files.walk(server.dataDir)) {
            return walk.filter(p -> p.toString().contains("/subtitles/" + release + "/")).filter(p -> p.toString().endsWith(".vtt")).sorted().toList();
        }
    }
}
