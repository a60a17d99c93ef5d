package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.ServerProcess;
import gatefold.server.TestServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A store without ffmpeg still runs and sells: fans get the original files, and the artist and the log say why. */
class WithoutFfmpegTest {

    static final Map<String, String> NO_FFMPEG = Map.of("GATEFOLD_FFMPEG", "/nonexistent/ffmpeg",
            "GATEFOLD_FFPROBE", "/nonexistent/ffprobe");

    @Test
    void fansGetTheOriginalsAndTheArtistIsToldWhy() {
        try (TestServer server = TestServer.start(NO_FFMPEG)) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Quiet", "quiet@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Plain", "kind", "music", "pricing", "free"));
            String file = api.put("/api/releases/" + release + "/files/01%20Song.wav", token,
                    HttpRequest.BodyPublishers.ofByteArray(gatefold.server.TestAudio.wav(1))).text("id");
            assertThat(api.post("/api/releases/" + release + "/publish", token, null).status()).isEqualTo(200);
            JsonNode formats = api.get("/api/releases/" + release + "/formats", token).json();
            assertThat(formats.path("tools").path("available").asBoolean()).isFalse();
            assertThat(formats.path("tools").path("reason").asText()).contains("ffmpeg").contains("original files");
            assertThat(formats.path("tracks").get(0).path("check").path("state").asText()).isEqualTo("unchecked");
            Reply bought = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));
            JsonNode download = bought.json().path("downloads").get(0);
            assertThat(download.path("fileId").asText()).isEqualTo(file);
            assertThat(download.path("format").asText()).isEqualTo("original");
            assertThat(download.path("formats").size()).isEqualTo(1);
            // The album still comes as one zip, of the originals.
            JsonNode albums = bought.json().path("albums");
            assertThat(albums.size()).isEqualTo(1);
            assertThat(albums.get(0).path("format").asText()).isEqualTo("original");
            var zip = server.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(albums.get(0).path("url").asText())));
            assertThat(zip.statusCode()).isEqualTo(200);
            // No preview can be made: its address says so rather than waiting, and the page shows no player.
            var preview = server.get("/preview/" + file);
            assertThat(preview.statusCode()).isEqualTo(404);
            assertThat(preview.body()).contains("Previews cannot be made");
        }
    }

    @Test
    void theLogSaysOnceThatFfmpegIsMissing() throws Exception {
        Map<String, String> env = new java.util.HashMap<>(NO_FFMPEG);
        env.put("GATEFOLD_PORT", "0");
        env.put("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-noffmpeg").toString());
        try (ServerProcess server = ServerProcess.start(env)) {
            server.awaitListening(Duration.ofSeconds(60));
            String output = server.stdout() + server.stderr();
            int at = output.indexOf("/nonexistent/ffmpeg");
            assertThat(at).as(output).isNotNegative();
            assertThat(output.indexOf("/nonexistent/ffmpeg", at + 1)).as("said once").isNegative();
            assertThat(output).contains("original files only").doesNotContain("Exception");
        }
    }
}
