package gatefold.server.watch;

import static gatefold.server.watch.FilmStreamingTest.get;
import static gatefold.server.watch.FilmStreamingTest.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.MovableClock;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The artist chooses the film's public trailer: a clip (start and length) or a separate video file;
 * the release page's trailer URL then serves that, a choice the film cannot meet says why, and
 * going back to no choice brings the default clip back.
 */
class FilmTrailerChoiceTest {

    @Test
    void theArtistsChosenClipOrUploadedTrailerIsWhatTheReleasePagePlays() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        // The server's clock runs an hour ahead: what the film's packaging and the choice record is the server's time.
        MovableClock clock = new MovableClock();
        clock.advance(Duration.ofHours(1));
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"), clock)) {
            FilmStreamingTest.server = server;
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Cutter", "cutter@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Trailers", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "5.00", "currency", "EUR")));
            assertThat(api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.film360())).status()).isEqualTo(201);
            String page = api.post("/api/releases/" + release + "/publish", token, null).text("url");
            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !api.get("/api/releases/" + release + "/film", token).json().path("stream").isNull());
            assertThat(api.get("/api/releases/" + release + "/film", token).json().path("trailer").path("state").asText()).isEqualTo("default");
            assertThat(probe(server, release)).startsWith("640,360,7.0"); // the whole 7 s film: shorter than the default clip

            JsonNode chosen = choose(api, token, release, Map.of("start", 2, "length", 3)).json();
            assertThat(chosen.path("trailer").path("choice").toString()).isEqualTo("{\"start\":2.0,\"length\":3.0}");
            assertThat(chosen.path("rentStartDays").asInt()).isEqualTo(30);
            assertThat(recordedAt(server, "SELECT updated_at FROM film_trailer_choices WHERE release_id = :id", release))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(50)));
            assertThat(recordedAt(server, "SELECT created_at FROM film_streams WHERE release_id = :id", release))
                    .isAfter(Instant.now().plus(Duration.ofMinutes(50)));
            awaitState(api, token, release, "ready");
            assertThat(probe(server, release)).startsWith("640,360,3.0");
            String html = new String(get(page).body(), StandardCharsets.UTF_8);
            assertThat(html).contains("<video class=\"film\" controls preload=\"metadata\" playsinline src=\"/trailer/" + release + "\"");

            // A separate trailer: a silent Matroska file uploaded beside the film.
            Reply extra = api.put("/api/releases/" + release + "/files/trailer.mkv?role=extra", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.silent()));
            assertThat(extra.status()).as(extra.toString()).isEqualTo(201);
            choose(api, token, release, Map.of("fileId", extra.text("id")));
            awaitState(api, token, release, "ready");
            String probed = probe(server, release);
            assertThat(probed).startsWith("640,360,7.0").doesNotContain("aac");

            // Choices that cannot be: refused at once, or (past the film's end) failing with the reason.
            Path notes = Files.writeString(FilmFixtures.freshDir("notes").resolve("notes.pdf"), "%PDF-1.4\n%%EOF\n");
            Reply pdf = api.put("/api/releases/" + release + "/files/notes.pdf?role=extra", token, HttpRequest.BodyPublishers.ofFile(notes));
            assertThat(choose(api, token, release, Map.of("fileId", pdf.text("id"))).status()).isEqualTo(422);
            assertThat(choose(api, token, release, Map.of("start", 1, "length", 1)).status()).isEqualTo(422);
            choose(api, token, release, Map.of("start", 100));
            JsonNode failed = awaitState(api, token, release, "failed");
            assertThat(failed.path("problem").asText()).contains("before the film ends");
            assertThat(probe(server, release)).startsWith("640,360,7.0"); // meanwhile the default clip plays

            Reply back = api.send("PUT", "/api/releases/" + release + "/film", token, java.util.Collections.singletonMap("trailer", null));
            assertThat(back.json().path("trailer").path("state").asText()).as(back.toString()).isEqualTo("default");
        }
    }

    private static Instant recordedAt(TestServer server, String sql, String release) {
        return server.gatefold.services().core().jdbi().withHandle(h -> h.createQuery(sql).bind("id", release)
                .mapTo(Instant.class).one());
    }

    private static Reply choose(ApiClient api, String token, String release, Map<String, Object> trailer) {
        return api.send("PUT", "/api/releases/" + release + "/film", token, Map.of("trailer", trailer));
    }

    private static JsonNode awaitState(ApiClient api, String token, String release, String state) {
        return await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                api.get("/api/releases/" + release + "/film", token).json().path("trailer"), t -> t.path("state").asText().equals(state));
    }

    /** Width, height and length of the served trailer, and its streams' codecs, as ffprobe reads them over HTTP. */
    private static String probe(TestServer server, String release) throws Exception {
        HttpResponse<byte[]> head = get("/trailer/" + release);
        assertThat(head.statusCode()).isEqualTo(200);
        String size = output(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height:format=duration", "-of", "csv=p=0:s=,", server.url("/trailer/" + release))).replace("\n", ",");
        String codecs = output(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-show_entries", "stream=codec_name",
                "-of", "csv=p=0", server.url("/trailer/" + release)));
        return size + codecs.replace("\n", ",");
    }
}
