package gatefold.server.listen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.delivery.DownloadLink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Previews through the whole store: the default clip is made on the job queue once a release is
 * out, served publicly with ranges and never longer than the clip, played by the release page
 * and the embed; the artist's "no preview" is enforced by the server; a buyer streams the whole
 * track through a signed link that a refund, an expiry or a forgery stops.
 */
class PreviewsTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static Path fixtures;
    static TestServer server;
    static ApiClient api;
    static int artists;

    @BeforeAll
    static void start() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        fixtures = Files.createTempDirectory("gatefold-previews");
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:sample_rate=44100:duration=40", "-ac", "2", "-c:a", "flac",
                fixtures.resolve("long.flac").toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=550:sample_rate=44100:duration=8", "-ac", "2", "-c:a", "flac",
                fixtures.resolve("short.flac").toString());
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Album(String token, String release, String slug, String artistSlug, String longTrack, String shortTrack) {
    }

    static Album album() throws Exception {
        ApiClient.NewArtist artist = api.newArtist("Preview Band", "previews" + artists++ + "@example.com");
        String release = api.newRelease(artist.token(), Map.of("title", "Clips", "kind", "music", "pricing", "fixed",
                "price", Map.of("amount", "5.00", "currency", "EUR"), "formats", List.of("original")));
        String longTrack = upload(artist.token(), release, "01 Long.flac", fixtures.resolve("long.flac"));
        String shortTrack = upload(artist.token(), release, "02 Short.flac", fixtures.resolve("short.flac"));
        Reply published = api.post("/api/releases/" + release + "/publish", artist.token(), null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return new Album(artist.token(), release, published.text("slug"), artist.slug(), longTrack, shortTrack);
    }

    static String upload(String token, String release, String name, Path file) throws Exception {
        Reply put = api.put("/api/releases/" + release + "/files/" + ApiClient.enc(name), token, HttpRequest.BodyPublishers.ofFile(file));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return put.text("id");
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.startsWith("http") ? url : server.url(url)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The body once the URL answers 200 (a preview is made in the background). */
    static byte[] whenReady(String url) {
        byte[][] body = new byte[1][];
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HttpResponse<byte[]> answer = get(url);
            assertThat(answer.statusCode()).as(new String(answer.body())).isIn(200, 503);
            body[0] = answer.body();
            return answer.statusCode() == 200;
        });
        return body[0];
    }

    @Test
    void theDefaultPreviewIsAThirtySecondClipServedPubliclyWithRangesAndPlayedByThePageAndTheEmbed() throws Exception {
        Album album = album();
        byte[] clip = whenReady("/preview/" + album.longTrack());
        assertThat(seconds(clip)).isBetween(29.5, 30.5);
        assertThat(seconds(whenReady("/preview/" + album.shortTrack()))).isBetween(7.5, 8.5);

        HttpResponse<byte[]> whole = get("/preview/" + album.longTrack());
        assertThat(whole.headers().firstValue("Cache-Control")).hasValue(ListenRoutes.PUBLIC);
        assertThat(whole.headers().firstValue("Content-Type").orElse("")).startsWith("audio/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        HttpResponse<byte[]> part = get("/preview/" + album.longTrack(), "Range", "bytes=100-199");
        assertThat(part.statusCode()).isEqualTo(206);
        assertThat(part.body()).hasSize(100).isEqualTo(java.util.Arrays.copyOfRange(clip, 100, 200));
        // Bytes past the clip are not there to be had: the file is the clip.
        HttpResponse<byte[]> beyond = get("/preview/" + album.longTrack(), "Range", "bytes=" + clip.length + "-");
        assertThat(beyond.statusCode()).isEqualTo(416);
        assertThat(beyond.body().length).isLessThan(200);

        String page = new String(get("/r/" + album.artistSlug() + "/" + album.slug()).body());
        assertThat(page).contains("<audio controls preload=\"none\" src=\"/preview/" + album.longTrack() + "\"")
                .contains("src=\"/preview/" + album.shortTrack() + "\"").contains("/static/player.js").doesNotContain("autoplay");
        String card = new String(get("/embed/r/" + album.artistSlug() + "/" + album.slug()).body());
        assertThat(card).contains("/preview/" + album.longTrack()).contains("<audio controls preload=\"none\"");
    }

    @Test
    void theArtistsChoiceIsEnforcedByTheServer() throws Exception {
        Album album = album();
        whenReady("/preview/" + album.longTrack());
        Reply none = api.send("PUT", "/api/releases/" + album.release() + "/tracks/" + album.longTrack() + "/preview", album.token(),
                Map.of("mode", "none"));
        assertThat(none.status()).as(none.toString()).isEqualTo(200);
        HttpResponse<byte[]> silent = get("/preview/" + album.longTrack());
        assertThat(silent.statusCode()).isEqualTo(404);
        assertThat(new String(silent.body())).contains("\"error\"");
        assertThat(new String(get("/r/" + album.artistSlug() + "/" + album.slug()).body()))
                .doesNotContain("/preview/" + album.longTrack());

        Reply clip = api.send("PUT", "/api/releases/" + album.release() + "/tracks/" + album.longTrack() + "/preview", album.token(),
                Map.of("mode", "clip", "start", 5, "length", 10));
        assertThat(clip.json().path("start").asLong()).isEqualTo(5);
        assertThat(seconds(whenReady("/preview/" + album.longTrack()))).isBetween(9.5, 10.5);
        JsonNode listed = api.get("/api/releases/" + album.release() + "/previews", album.token()).json().path("tracks");
        assertThat(listed.get(0).path("mode").asText()).isEqualTo("clip");
        assertThat(listed.get(1).path("mode").asText()).isEqualTo("clip");
        assertThat(listed.get(1).path("start").isNull()).isTrue();
        // Another artist cannot change it.
        String stranger = api.newArtist("Stranger", "stranger" + artists++ + "@example.com").token();
        assertThat(api.send("PUT", "/api/releases/" + album.release() + "/tracks/" + album.longTrack() + "/preview", stranger,
                Map.of("mode", "whole")).status()).isEqualTo(404);
    }

    @Test
    void aBuyerStreamsTheWholeTrackUntilARefund() throws Exception {
        Album album = album();
        Reply bought = api.post("/api/releases/" + album.release() + "/purchases", album.token(), Map.of("email", "fan@example.com"));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        JsonNode streams = bought.json().path("streams");
        assertThat(streams).hasSize(2);
        assertThat(streams.get(0).path("kind").asText()).isEqualTo("audio");
        assertThat(streams.get(0).path("fileId").asText()).isEqualTo(album.longTrack());
        String url = streams.get(0).path("url").asText();
        assertThat(seconds(whenReady(url))).isBetween(39.5, 40.5);
        assertThat(get(url, "Range", "bytes=0-9").statusCode()).isEqualTo(206);

        // A stream link is not a download link, and a forged or expired one plays nothing.
        String token = url.substring(url.lastIndexOf('/') + 1);
        assertThat(get("/d/" + token).statusCode()).isNotEqualTo(200).isNotEqualTo(302);
        assertThat(get("/listen/" + token.substring(0, token.length() - 2) + "xx").statusCode()).isEqualTo(403);
        var signer = server.gatefold.services().delivery().signer();
        var valid = (gatefold.server.delivery.LinkSigner.Valid) signer.verify(token, Instant.now());
        String expired = signer.sign(new DownloadLink(valid.link().entitlementId(), album.longTrack(), StreamLinks.AUDIO,
                Instant.now().minusSeconds(5)));
        HttpResponse<byte[]> late = get("/listen/" + expired);
        assertThat(late.statusCode()).isEqualTo(403);
        assertThat(new String(late.body())).contains("stream_expired");

        assertThat(api.post("/api/purchases/" + bought.text("id") + "/refund", album.token(), null).status()).isEqualTo(200);
        HttpResponse<byte[]> refunded = get(url);
        assertThat(refunded.statusCode()).isEqualTo(403);
        assertThat(new String(refunded.body())).contains("\"error\":\"purchase_refunded\"");
    }

    static double seconds(byte[] file) throws Exception {
        Path saved = Files.createTempFile(fixtures, "got-", ".m4a");
        Files.write(saved, file);
        String out = run(List.of(OsTool.FFPROBE.require().toString(), "-v", "error", "-show_entries", "format=duration",
                "-of", "csv=p=0", saved.toString()));
        return Double.parseDouble(out.trim());
    }

    static void ffmpeg(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(OsTool.FFMPEG.require().toString(), "-nostdin", "-v", "error", "-y"));
        command.addAll(List.of(args));
        run(command);
    }

    static String run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }
}
