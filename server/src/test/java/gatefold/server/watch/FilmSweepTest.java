package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import gatefold.server.films.FilmFixtures;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/**
 * Film packages count in the artist's figure for derived files, and go once nothing refers to
 * them: the package of a replaced master a day after the sweep first finds it unwanted, and
 * everything of a deleted release (package and subtitles).
 */
class FilmSweepTest {

    @Test
    void packagesCountAsDerivedFilesAndGoADayAfterNothingRefersToThem() throws Exception {
        OsTool.requireAll(OsTool.FFMPEG, OsTool.FFPROBE);
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_TRANSCODE_WORKERS", "2"))) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Sweeper", "sweep@example.com").token();
            String release = api.newRelease(token, Map.of("title", "Recut", "kind", "film", "pricing", "fixed",
                    "price", Map.of("amount", "5.00", "currency", "EUR")));
            assertThat(api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.film360())).status()).isEqualTo(201);
            assertThat(api.put("/api/releases/" + release + "/subtitles/en.vtt", token, HttpRequest.BodyPublishers.ofString(
                    "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", StandardCharsets.UTF_8)).status()).isEqualTo(201);
            api.post("/api/releases/" + release + "/publish", token, null);
            Jdbi jdbi = server.gatefold.services().core().jdbi();
            awaitStreams(jdbi, release, 1);
            long first = bytesOfStreams(jdbi, release);
            long subtitles = jdbi.withHandle(h -> h.createQuery("SELECT bytes FROM film_subtitles").mapTo(Long.class).one());
            assertThat(derivedUsed(api, token, release)).isEqualTo(first + subtitles);

            // A new master: a new package, and the old one is no longer wanted.
            assertThat(api.put("/api/releases/" + release + "/files/film.mp4", token,
                    HttpRequest.BodyPublishers.ofFile(FilmFixtures.silent())).status()).isEqualTo(201);
            awaitStreams(jdbi, release, 2);
            long both = bytesOfStreams(jdbi, release);
            assertThat(derivedUsed(api, token, release)).isEqualTo(both + subtitles);
            String oldKey = jdbi.withHandle(h -> h.createQuery("SELECT stream_key FROM film_streams ORDER BY created_at")
                    .mapTo(String.class).first());
            int oldFiles = filmFiles(server.dataDir, oldKey);
            assertThat(oldFiles).isGreaterThan(4);

            FilmSweepJob sweep = new FilmSweepJob(jdbi, server.gatefold.services().catalog().catalog(),
                    server.gatefold.services().watch().streams(), server.gatefold.services().watch().trailers(),
                    server.gatefold.services().core().store(), Clock.systemUTC());
            Instant now = Instant.now();
            sweep.sweep(now);
            assertThat(filmFiles(server.dataDir, oldKey)).as("kept for a day").isEqualTo(oldFiles);
            sweep.sweep(now.plus(Duration.ofHours(23)));
            assertThat(filmFiles(server.dataDir, oldKey)).isEqualTo(oldFiles);
            sweep.sweep(now.plus(Duration.ofHours(25)));
            assertThat(filmFiles(server.dataDir, oldKey)).isZero();
            long current = bytesOfStreams(jdbi, release);
            assertThat(current).isEqualTo(both - first);
            assertThat(derivedUsed(api, token, release)).isEqualTo(current + subtitles);
            assertThat(filmFiles(server.dataDir, "")).as("the current package and subtitles stay").isGreaterThan(4);

            // The release deleted: its subtitles at once, its package a day later.
            assertThat(api.delete("/api/releases/" + release, token).status()).isIn(200, 204);
            sweep.sweep(now.plus(Duration.ofHours(26)));
            assertThat(count(jdbi, "film_subtitles")).isZero();
            sweep.sweep(now.plus(Duration.ofHours(51)));
            assertThat(filmFiles(server.dataDir, "")).isZero();
            assertThat(count(jdbi, "film_streams")).isZero();
        }
    }

    private static int count(Jdbi jdbi, String table) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Integer.class).one());
    }

    private static void awaitStreams(Jdbi jdbi, String release, int count) {
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> jdbi.withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM film_streams WHERE release_id = :r").bind("r", release).mapTo(Integer.class).one()) == count);
    }

    private static long bytesOfStreams(Jdbi jdbi, String release) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(bytes), 0) FROM film_streams WHERE release_id = :r")
                .bind("r", release).mapTo(Long.class).one());
    }

    private static long derivedUsed(ApiClient api, String token, String release) {
        return api.get("/api/releases/" + release + "/formats", token).json().path("derivedStorage").path("used").asLong();
    }

    /** Files stored under derived/films (those of one package when {@code key} is given). */
    private static int filmFiles(Path dataDir, String key) throws IOException {
        try (Stream<Path> walk = Files.walk(dataDir)) {
            return (int) walk.filter(Files::isRegularFile).map(Path::toString)
                    .filter(p -> p.contains("/derived/films/" + key)).count();
        }
    }
}
