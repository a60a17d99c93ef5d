package gatefold.server.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A music release through the whole store: masters checked at upload, formats made in the
 * background when it is published, every file tagged with the cover, album zips that
 * resume, edits that make new files and never serve stale ones, and a damaged master that
 * cannot be published.
 */
class MusicFormatsTest {

    static final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    static Path fixtures;
    static TestServer server;
    static ApiClient api;
    static int artists;

    @BeforeAll
    static void start() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE, OsTool.UNZIP);
        fixtures = Files.createTempDirectory("gatefold-music");
        MediaFixtures.sine(fixtures, "one.wav", 2.0, 44100, "-c:a", "pcm_s16le");
        MediaFixtures.sine(fixtures, "two.flac", 1.5, 48000, "-c:a", "flac");
        MediaFixtures.cover(fixtures);
        server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"));
        api = new ApiClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Album(String token, String release, List<String> tracks) {
    }

    /** A file the hostile title would create if anything ran it through a shell. */
    static final Path PWNED = Path.of(System.getProperty("java.io.tmpdir"), "gatefold-pwned-" + System.nanoTime());

    static Album album(List<String> formats) throws Exception {
        String token = api.newArtist("Låga Vågor", "music" + artists++ + "@example.com").token();
        String release = api.newRelease(token, Map.of("title", "Norrsken \"$(touch " + PWNED + ")\"", "kind", "music",
                "pricing", "free", "formats", formats, "genre", "Ambient"));
        List<String> tracks = new ArrayList<>();
        tracks.add(upload(token, release, "01 First Light.wav", fixtures.resolve("one.wav")));
        tracks.add(upload(token, release, "02 Ljus.flac", fixtures.resolve("two.flac")));
        upload(token, release, "cover.jpg", fixtures.resolve("cover.jpg"));
        Reply published = api.post("/api/releases/" + release + "/publish", token, null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return new Album(token, release, tracks);
    }

    static String upload(String token, String release, String name, Path file) throws Exception {
        Reply put = api.put("/api/releases/" + release + "/files/" + ApiClient.enc(name), token,
                HttpRequest.BodyPublishers.ofFile(file));
        assertThat(put.status()).as(put.toString()).isEqualTo(201);
        return put.text("id");
    }

    static JsonNode formatsWhenReady(Album album, String... ids) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).until(() -> {
            last[0] = api.get("/api/releases/" + album.release() + "/formats", album.token()).json();
            for (String id : ids) {
                for (JsonNode f : last[0].path("formats")) {
                    if (f.path("format").asText().equals(id) && !f.path("status").asText().equals("ready")) {
                        return false;
                    }
                }
            }
            return true;
        });
        return last[0];
    }

    static HttpResponse<byte[]> get(String url, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static Path save(HttpResponse<byte[]> answer, String name) throws Exception {
        assertThat(answer.statusCode()).as(new String(answer.body())).isEqualTo(200);
        Path file = Files.createTempDirectory("gatefold-got").resolve(name);
        Files.write(file, answer.body());
        return file;
    }

    @Test
    void aPublishedAlbumComesInEveryChosenFormatTaggedWithItsCover() throws Exception {
        Album album = album(List.of("mp3-320", "flac", "opus", "original"));
        JsonNode formats = formatsWhenReady(album, "mp3-320", "flac", "opus");
        JsonNode tracks = formats.path("tracks");
        assertThat(tracks.get(0).path("check").path("state").asText()).isEqualTo("ok");
        assertThat(tracks.get(0).path("check").path("sampleRate").asInt()).isEqualTo(44100);
        assertThat(tracks.get(1).path("check").path("durationMs").asLong()).isBetween(1450L, 1550L);
        assertThat(status(formats, "aac")).isEqualTo("unavailable");

        Reply bought = api.post("/api/releases/" + album.release() + "/purchases", album.token(), Map.of("email", "fan@example.com"));
        JsonNode first = bought.json().path("downloads").get(0);
        assertThat(first.path("format").asText()).isEqualTo("flac");
        assertThat(first.path("name").asText()).isEqualTo("01 First Light.flac");
        assertThat(iterable(first.path("formats").fieldNames())).containsExactly("flac", "mp3-320", "opus", "original");

        ReadBack mp3 = ReadBack.of(save(get(first.path("formats").path("mp3-320").asText()), "one.mp3"));
        assertThat(mp3.tag("title")).isEqualTo("First Light");
        assertThat(mp3.tag("album")).isEqualTo("Norrsken \"$(touch " + PWNED + ")\"");
        assertThat(mp3.tag("artist")).isEqualTo("Låga Vågor");
        assertThat(mp3.tag("genre")).isEqualTo("Ambient");
        assertThat(mp3.tag("track")).startsWith("1");
        assertThat(mp3.coverSha256()).isPresent();
        assertThat(PWNED).doesNotExist();
        ReadBack opus = ReadBack.of(save(get(bought.json().path("downloads").get(1).path("formats").path("opus").asText()), "2.ogg"));
        assertThat(opus.tag("title")).isEqualTo("Ljus");
        assertThat(opus.coverSha256()).isPresent();
        // The original is the uploaded file, byte for byte.
        byte[] original = get(first.path("formats").path("original").asText()).body();
        assertThat(original).isEqualTo(Files.readAllBytes(fixtures.resolve("one.wav")));
    }

    @Test
    void theAlbumZipHoldsEveryTrackTheCoverAndAPlaylistAndResumesByteForByte() throws Exception {
        Album album = album(List.of("flac"));
        formatsWhenReady(album, "flac");
        Reply bought = api.post("/api/releases/" + album.release() + "/purchases", album.token(), Map.of("email", "zip@example.com"));
        JsonNode zip = bought.json().path("albums").get(0);
        assertThat(zip.path("format").asText()).isEqualTo("flac");
        String safeTitle = "Norrsken _$(touch " + PWNED.toString().replace('/', '_') + ")_";
        assertThat(zip.path("name").asText()).isEqualTo("Låga Vågor - " + safeTitle + " (FLAC).zip");
        HttpResponse<byte[]> whole = get(zip.path("url").asText());
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(zip.path("size").asLong());
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(whole.body()))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
                in.readAllBytes();
            }
        }
        assertThat(names).containsExactly("01 First Light.flac", "02 Ljus.flac", "cover.jpg",
                "Låga Vågor - " + safeTitle + " (FLAC).m3u");
        Path saved = save(whole, "album.zip");
        Process unzip = new ProcessBuilder(OsTool.UNZIP.require().toString(), "-tq", saved.toString()).redirectErrorStream(true).start();
        assertThat(unzip.waitFor()).isZero();
        // A download manager resumes at any point and gets the same bytes.
        for (int cut : new int[] {1, 100, whole.body().length / 2, whole.body().length - 1}) {
            HttpResponse<byte[]> rest = get(zip.path("url").asText(), "Range", "bytes=" + cut + "-");
            assertThat(rest.statusCode()).isEqualTo(206);
            assertThat(rest.body()).isEqualTo(Arrays.copyOfRange(whole.body(), cut, whole.body().length));
        }
    }

    @Test
    void anAlbumDownloadCountsOnceAgainstTheLimitWhateverItsFormat() throws Exception {
        Album album = album(List.of("flac", "opus"));
        formatsWhenReady(album, "flac", "opus");
        assertThat(api.patch("/api/releases/" + album.release(), album.token(), Map.of("downloadLimit", 1)).status()).isEqualTo(200);
        Reply bought = api.post("/api/releases/" + album.release() + "/purchases", album.token(), Map.of("email", "limit@example.com"));
        String flac = bought.json().path("albums").get(0).path("url").asText();
        String opus = bought.json().path("albums").get(1).path("url").asText();
        assertThat(get(flac).statusCode()).isEqualTo(200);
        // A resume of the same zip is free; another format of the album is a new download of the album, and the one allowed is spent.
        assertThat(get(flac, "Range", "bytes=100-").statusCode()).isEqualTo(206);
        HttpResponse<byte[]> other = get(opus);
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(new String(other.body())).contains("download_limit").contains("album");
        // Single tracks keep their own count.
        assertThat(get(bought.json().path("downloads").get(0).path("url").asText()).statusCode()).isEqualTo(200);
    }

    @Test
    void anEditMakesNewFilesAndTheOldOnesAreNeverServedForIt() throws Exception {
        Album album = album(List.of("mp3-320"));
        formatsWhenReady(album, "mp3-320");
        Reply bought = api.post("/api/releases/" + album.release() + "/purchases", album.token(), Map.of("email", "edit@example.com"));
        String link = bought.json().path("downloads").get(0).path("url").asText();
        assertThat(ReadBack.of(save(get(link), "before.mp3")).tag("title")).isEqualTo("First Light");
        Reply renamed = api.patch("/api/releases/" + album.release() + "/files/" + album.tracks().get(0), album.token(),
                Map.of("title", "First Light (2026 mix)"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        // Until the new file is made: a program is told to come back, a browser gets a page that waits.
        HttpResponse<byte[]> soon = get(link);
        if (soon.statusCode() == 202) {
            assertThat(soon.headers().firstValue("Retry-After")).isPresent();
            assertThat(new String(soon.body())).contains("\"status\":\"preparing\"");
            HttpResponse<byte[]> page = get(link, "Accept", "text/html");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(new String(page.body())).contains("http-equiv=\"refresh\"").contains("being prepared");
        } else {
            assertThat(soon.statusCode()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(120)).until(() -> get(link).statusCode() == 200);
        assertThat(ReadBack.of(save(get(link), "after.mp3")).tag("title")).isEqualTo("First Light (2026 mix)");
    }

    @Test
    void aDamagedMasterIsFlaggedWithTheProblemAndCannotBePublished() throws Exception {
        String token = api.newArtist("Broken", "broken" + artists++ + "@example.com").token();
        String release = api.newRelease(token, Map.of("title", "Cracked", "kind", "music", "pricing", "free"));
        byte[] flac = Files.readAllBytes(fixtures.resolve("two.flac"));
        Path cut = fixtures.resolve("cut.flac");
        Files.write(cut, Arrays.copyOf(flac, flac.length / 2));
        upload(token, release, "01 Cracked.flac", cut);
        Reply refused = api.post("/api/releases/" + release + "/publish", token, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("message")).contains("01 Cracked.flac").contains("damaged");
        JsonNode check = api.get("/api/releases/" + release + "/formats", token).json().path("tracks").get(0).path("check");
        assertThat(check.path("state").asText()).isEqualTo("problem");
        assertThat(check.path("problem").asText()).contains("damaged");
    }

    static String status(JsonNode formats, String id) {
        for (JsonNode f : formats.path("formats")) {
            if (f.path("format").asText().equals(id)) {
                return f.path("status").asText();
            }
        }
        return null;
    }

    static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }
}
