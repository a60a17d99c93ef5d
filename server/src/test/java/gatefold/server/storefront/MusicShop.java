package gatefold.server.storefront;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A store selling music made with real ffmpeg: tiny sine-wave masters (a 2 s WAV and a 1.5 s
 * FLAC) and a small cover, published releases whose formats are awaited until made, and an
 * HTTP client that follows nothing by itself. Shared by the tests of what fans and artists see.
 */
public final class MusicShop {

    private static final AtomicInteger ARTISTS = new AtomicInteger();
    public final TestServer server;
    public final ApiClient api;
    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Path fixtures;

    public MusicShop(TestServer server) {
        this.server = server;
        this.api = new ApiClient(server);
        try {
            fixtures = Files.createTempDirectory("gatefold-music-pages");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=2", "-ac", "2", "-c:a", "pcm_s16le",
                fixtures.resolve("one.wav").toString());
        ffmpeg("-f", "lavfi", "-i", "sine=frequency=660:sample_rate=48000:duration=1.5", "-ac", "2", "-c:a", "flac",
                fixtures.resolve("two.flac").toString());
        ffmpeg("-f", "lavfi", "-i", "color=c=0x3050a0:s=64x64", "-frames:v", "1", fixtures.resolve("cover.jpg").toString());
    }

    public record Artist(String slug, String token, String email) {
    }

    /** A published music release: its id and slug, and its tracks' file ids in order. */
    public record Album(Artist artist, String id, String slug, List<String> tracks) {
        public String page() {
            return "/r/" + artist.slug() + "/" + slug;
        }
    }

    public Artist artist(String name) {
        String email = "music-artist" + ARTISTS.incrementAndGet() + "@example.com";
        ApiClient.NewArtist created = api.newArtist(name, email);
        return new Artist(created.slug(), created.token(), email);
    }

    /** Two tracks ("01 First Light.wav", "02 Ljus.flac") and a cover, published, offered in {@code formats} (null: the default). */
    public Album album(Artist artist, String title, List<String> formats) {
        Album draft = draft(artist, title, formats);
        Reply published = api.post("/api/releases/" + draft.id() + "/publish", artist.token(), null);
        assertThat(published.status()).as(published.toString()).isEqualTo(200);
        return draft;
    }

    /** The same release left a draft: nothing is made for fans until it is published. */
    public Album draft(Artist artist, String title, List<String> formats) {
        Map<String, Object> fields = new HashMap<>(Map.of("title", title, "kind", "music", "pricing", "free"));
        if (formats != null) {
            fields.put("formats", formats);
        }
        String id = api.newRelease(artist.token(), fields);
        List<String> tracks = new ArrayList<>();
        tracks.add(upload(artist, id, "01 First Light.wav", fixtures.resolve("one.wav")));
        tracks.add(upload(artist, id, "02 Ljus.flac", fixtures.resolve("two.flac")));
        upload(artist, id, "cover.jpg", fixtures.resolve("cover.jpg"));
        return new Album(artist, id, api.get("/api/releases/" + id, artist.token()).text("slug"), tracks);
    }

    public String upload(Artist artist, String releaseId, String name, Path file) {
        try {
            Reply put = api.put("/api/releases/" + releaseId + "/files/" + ApiClient.enc(name), artist.token(),
                    HttpRequest.BodyPublishers.ofFile(file));
            assertThat(put.status()).as(put.toString()).isEqualTo(201);
            return put.text("id");
        } catch (java.io.FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path fixture(String name) {
        return fixtures.resolve(name);
    }

    /** The release's formats once every one named is ready. */
    public JsonNode formatsWhenReady(Album album, String... ids) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(300)).until(() -> {
            last[0] = api.get("/api/releases/" + album.id() + "/formats", album.artist().token()).json();
            for (JsonNode f : last[0].path("formats")) {
                if (List.of(ids).contains(f.path("format").asText()) && !f.path("status").asText().equals("ready")) {
                    return false;
                }
            }
            return true;
        });
        return last[0];
    }

    /** A purchase the artist records for a fan (as for a gift), with its JSON. */
    public JsonNode give(Album album, String email) {
        Reply bought = api.post("/api/releases/" + album.id() + "/purchases", album.artist().token(), Map.of("email", email));
        assertThat(bought.status()).as(bought.toString()).isEqualTo(201);
        return bought.json();
    }

    /** A fan gets the (free) release through checkout, as the store's form does; the path of their receipt. */
    public String checkout(Album album, String email) {
        Reply started = api.post("/checkout/" + album.id(), null, Map.of("email", email));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        return URI.create(started.text("receiptUrl")).getPath();
    }

    public HttpResponse<String> get(String pathOrUrl, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(local(pathOrUrl));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> bytes(String pathOrUrl) {
        return send(HttpRequest.newBuilder(local(pathOrUrl)), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The names of a zip's entries, in order. */
    public static List<String> entries(byte[] zip) {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A path, or a link to this server (mails and JSON carry the public address), as a URI on the loopback port. */
    public URI local(String pathOrUrl) {
        URI given = URI.create(pathOrUrl);
        String path = given.getRawPath() + (given.getRawQuery() == null ? "" : "?" + given.getRawQuery());
        return URI.create(server.url(path));
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void ffmpeg(String... args) {
        List<String> command = new ArrayList<>(List.of(OsTool.FFMPEG.require().toString(), "-nostdin", "-hide_banner", "-v", "error",
                "-y"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("%s\n%s", command, output).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
