package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A film's subtitles are the artist's own uploads, like masters: they travel in the archive with
 * their rows and the trailer the artist chose, and the new store offers them again.
 */
class SubtitlesMoveTest {

    @Test
    void subtitlesAndTheTrailerChoiceMoveWithTheFilm() throws Exception {
        try (TestServer from = TestServer.start(); TestServer to = TestServer.start()) {
            ApiClient api = new ApiClient(from);
            ApiClient.NewArtist artist = api.newArtist("Subtitled", "subtitled@example.com");
            String film = api.newRelease(artist.token(), Map.of("title", "Spoken", "kind", "film", "pricing", "free"));
            Reply put = api.put("/api/releases/" + film + "/subtitles/film.fr.vtt", artist.token(),
                    HttpRequest.BodyPublishers.ofString("WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour\n", StandardCharsets.UTF_8));
            assertThat(put.status()).as(put.toString()).isBetween(200, 201);
            Reply choice = api.send("PUT", "/api/releases/" + film + "/film", artist.token(), Map.of("trailer", Map.of("start", 2, "length", 5)));
            assertThat(choice.status()).as(choice.toString()).isEqualTo(200);
            JsonNode before = api.get("/api/releases/" + film + "/film", artist.token()).json();

            Path archive = MovingFixture.download(from, "/api/export", artist.token());
            Reply done = MovingFixture.upload(to, Files.readAllBytes(archive));
            assertThat(done.status()).as(done.toString()).isEqualTo(201);

            JsonNode after = new ApiClient(to).get("/api/releases/" + film + "/film", artist.token()).json();
            assertThat(after.path("subtitles")).isEqualTo(before.path("subtitles"));
            assertThat(after.path("subtitles").findValuesAsText("language")).containsExactly("fr");
            assertThat(after.path("trailer").path("choice")).isEqualTo(before.path("trailer").path("choice"));
            try (var stored = Files.walk(to.dataDir)) {
                assertThat(stored.filter(p -> p.toString().contains("/subtitles/") && p.toString().endsWith(".vtt")).toList())
                        .singleElement().satisfies(p -> assertThat(Files.readString(p)).contains("Bonjour"));
            }
        }
    }
}
