package gatefold.server.watch;

import static gatefold.server.watch.FilmStreamingTest.get;
import static gatefold.server.watch.FilmStreamingTest.hls;
import static gatefold.server.watch.FilmStreamingTest.output;
import static gatefold.server.watch.FilmStreamingTest.refusal;
import static gatefold.server.watch.FilmStreamingTest.uris;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Subtitles through the whole store: an artist uploads SubRip and WebVTT files named after their
 * language, bad ones are refused and leave nothing stored, and a buyer's master playlist offers them
 * as a SUBTITLES group whose playlists and WebVTT files carry the viewing's token and stop at a refund.
 */
class FilmSubtitlesTest {

    static final String SRT = "1\r\n00:00:01,000 --> 00:00:03,500\r\nHello <b>there</b> <script>x</script>\r\n\r\n"
            + "2\r\n00:00:04,000 --> 00:00:06,000\r\nSecond line\r\n";
    static final String VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nBonjour\n";

    @Test
    void uploadedSubtitlesAreOfferedInEveryViewingAndBadOnesLeaveNothing() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"))) {
            FilmStreamingTest.server = server;
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Subtitler", "subs@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Captioned", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "5.00", "currency", "EUR")));
            assertThat(api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.film360())).status()).isEqualTo(201);
            assertThat(api.post("/api/releases/" + release + "/publish", token, null).status()).isEqualTo(200);

            Reply english = upload(api, token, release, "film.en.srt", SRT);
            assertThat(english.status()).as(english.toString()).isEqualTo(201);
            assertThat(english.json().path("language").asText()).isEqualTo("en");
            assertThat(english.json().path("name").asText()).isEqualTo("English");
            assertThat(upload(api, token, release, "fr.vtt?name=Fran%C3%A7ais", VTT).status()).isEqualTo(201);

            // Refused, each with a reason, and nothing stored for them.
            int storedBefore = storedSubtitles(server.dataDir);
            assertRefused(upload(api, token, release, "de.srt", "this is not a subtitle file\n"), 422, "timing");
            assertRefused(upload(api, token, release, "it.vtt", "00:00:01.000 --> 00:00:02.000\nCiao\n"), 422, "WEBVTT");
            assertRefused(upload(api, token, release, "subtitles.srt", SRT), 422, "language");
            assertRefused(upload(api, token, release, "es.srt", "x".repeat(3 * 1024 * 1024)), 413, "2 MB");
            assertThat(storedSubtitles(server.dataDir)).isEqualTo(storedBefore).isEqualTo(2);
            JsonNode film = api.get("/api/releases/" + release + "/film", token).json();
            assertThat(film.path("subtitles").findValuesAsText("language")).containsExactly("en", "fr");

            await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    !api.get("/api/releases/" + release + "/film", token).json().path("stream").isNull());
            JsonNode purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "reader@example.com")).json();
            String masterUrl = hls(purchase);
            String master = text(masterUrl);
            assertThat(master).contains("#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID=\"subs\",NAME=\"English\",LANGUAGE=\"en\",DEFAULT=YES")
                    .contains("NAME=\"Français\",LANGUAGE=\"fr\",DEFAULT=NO").contains(",SUBTITLES=\"subs\"");
            String viewing = uris(master).get(0).split("/")[2];
            assertThat(master).contains("URI=\"/watch/" + viewing + "/subtitles/en.m3u8\"");

            String playlist = text("/watch/" + viewing + "/subtitles/en.m3u8");
            assertThat(playlist).contains("#EXT-X-ENDLIST").contains("#EXTINF:7.");
            assertThat(uris(playlist)).containsExactly("/watch/" + viewing + "/subtitles/en.vtt");
            String vtt = new String(get(uris(playlist).get(0)).body(), StandardCharsets.UTF_8);
            assertThat(vtt).startsWith("WEBVTT\n").contains("00:00:01.000 --> 00:00:03.500\nHello <b>there</b> &lt;script&gt;");
            assertThat(get("/watch/" + viewing + "/subtitles/de.vtt").statusCode()).isEqualTo(404);

            // ffprobe, an independent HLS client, reads the subtitle playlist through the viewing's URL and finds the cues.
            // (ffmpeg 5.1's HLS reader skips subtitle groups in a master playlist, so the track's own playlist is read.)
            String probed = output(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-show_entries",
                    "stream=codec_name:packet=pts_time", "-of", "csv=p=0", server.url("/watch/" + viewing + "/subtitles/en.m3u8")));
            assertThat(probed).contains("webvtt").contains("1.000000").contains("4.000000");

            // A replaced subtitle file takes the old one's place; a removed language goes from the playlist.
            assertThat(upload(api, token, release, "en.vtt", VTT.replace("Bonjour", "Hello again")).status()).isEqualTo(201);
            assertThat(new String(get("/watch/" + viewing + "/subtitles/en.vtt").body(), StandardCharsets.UTF_8)).contains("Hello again");
            assertThat(api.delete("/api/releases/" + release + "/subtitles/fr", token).status()).isEqualTo(204);
            assertThat(text(masterUrl)).doesNotContain("LANGUAGE=\"fr\"");
            assertThat(storedSubtitles(server.dataDir)).isEqualTo(1);

            api.post("/api/purchases/" + purchase.path("id").asText() + "/refund", token, null);
            assertThat(refusal(get("/watch/" + viewing + "/subtitles/en.vtt"))).isEqualTo("purchase_refunded");
        }
    }

    /** A playlist as a player reads it: UTF-8, as HLS requires. */
    private static String text(String url) throws Exception {
        var answer = get(url);
        assertThat(answer.statusCode()).as(url).isEqualTo(200);
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    private static Reply upload(ApiClient api, String token, String release, String file, String body) {
        return api.put("/api/releases/" + release + "/subtitles/" + file, token,
                HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static void assertRefused(Reply reply, int status, String says) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.json().path("message").asText()).containsIgnoringCase(says);
    }

    private static int storedSubtitles(Path dataDir) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return (int) walk.filter(p -> p.toString().contains("/subtitles/") && p.toString().endsWith(".vtt")).count();
        }
    }
}
