package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.config.Config;
import gatefold.server.config.Settings;
import gatefold.server.db.Database;
import gatefold.storage.BlobKey;
import gatefold.storage.FileBlobStore;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code gatefold import} runs as its own process and is killed with SIGKILL in the middle of
 * the archive: after its first file is in the store and while the next one streams in. The
 * process reads the archive from a named pipe that the test fills only that far, so the kill
 * lands at the same point every run. Nothing of the artist is visible afterwards; its working
 * folder and the file it had put in the store are left, and the next import (another artist's)
 * sweeps them. The same command started again finishes with every row once and every file
 * intact, and a third run is refused as imported before.
 */
class KilledImportTest {

    @Test
    void anImportKilledMidArchiveLeavesNothingVisibleAndFinishesWhenRunAgain() throws Exception {
        Path work = Files.createTempDirectory("gatefold-killed");
        MovingFixture source;
        byte[] archive;
        byte[] another;
        try (TestServer from = TestServer.start()) {
            source = new MovingFixture(from, "Killed Midway", "killed@example.com");
            archive = Files.readAllBytes(MovingFixture.download(from, "/api/export", source.artist.token()));
            MovingFixture other = new MovingFixture(from, "Next In Line", "next@example.com");
            another = Files.readAllBytes(MovingFixture.download(from, "/api/export", other.artist.token()));
        }
        Path toDir = Files.createDirectories(work.resolve("to"));
        Path config = Files.writeString(work.resolve("gatefold.properties"), "GATEFOLD_DATA_DIR=" + toDir + "\n");
        JsonNode manifest = ApiClient.JSON.readTree(MovingArchives.read(archive).get(ArchiveLayout.MANIFEST));
        int cut = offsetOf(archive, manifest.path("blobs").get(manifest.path("blobs").size() - 1).path("entry").asText()) + 512 + 100;

        Path pipe = work.resolve("archive.pipe");
        assertThat(new ProcessBuilder("mkfifo", pipe.toString()).inheritIO().start().waitFor()).isZero();
        Process child = gatefold(work, "first", "import", pipe.toString(), "--config", config.toString());
        OutputStream feed = CompletableFuture.supplyAsync(() -> open(pipe)).get(60, TimeUnit.SECONDS);
        feed.write(archive, 0, cut);
        feed.flush();
        // The first file has gone into the store (the progress line says so) and the next is half read.
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(work.resolve("first.err")).contains("imported"));
        assertThat(child.isAlive()).isTrue();
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no finally block runs
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).isEqualTo(137);
        try {
            feed.close();
        } catch (java.io.IOException e) {
            // The reader is gone: a broken pipe is expected.
        }

        Config target = Config.from(Settings.of(Map.of("GATEFOLD_DATA_DIR", toDir.toString())));
        try (Database db = Database.open(target)) {
            for (String table : List.of("artists", "releases", "release_files", "purchases", "entitlements")) {
                assertThat(count(db, table)).as("rows of " + table + " after the kill").isZero();
            }
        }

        // Left behind: the working folder, and the files it put in the store (listed there), which no row names.
        Path moving = toDir.resolve("tmp").resolve("moving");
        List<Path> folders = importFolders(moving);
        assertThat(folders).hasSize(1);
        List<String> staged = Files.readAllLines(folders.get(0).resolve(".store-keys")).stream().filter(k -> !k.isBlank()).toList();
        assertThat(staged).isNotEmpty();
        try (FileBlobStore store = new FileBlobStore(toDir.resolve("store"), java.net.URI.create("http://127.0.0.1/"), new byte[32])) {
            assertThat(store.head(BlobKey.of(staged.get(0)))).as("the first file, in before the kill").isPresent();
        }

        // Another artist's import, not this one's again: it sweeps what the killed one left.
        Path next = Files.write(work.resolve("another.tar"), another);
        assertThat(gatefold(work, "other", "import", next.toString(), "--config", config.toString()).waitFor()).isZero();
        assertThat(importFolders(moving)).isEmpty();
        try (FileBlobStore store = new FileBlobStore(toDir.resolve("store"), java.net.URI.create("http://127.0.0.1/"), new byte[32])) {
            for (String key : staged) {
                assertThat(store.head(BlobKey.of(key))).as(key).isEmpty();
            }
        }
        try (Database db = Database.open(target)) {
            assertThat(count(db, "artists")).as("only the other artist").isEqualTo(1);
        }

        Path file = Files.write(work.resolve("archive.tar"), archive);
        assertThat(gatefold(work, "second", "import", file.toString(), "--config", config.toString()).waitFor()).isZero();
        assertThat(gatefold(work, "third", "import", file.toString(), "--config", config.toString()).waitFor()).isEqualTo(3);
        assertThat(Files.readString(work.resolve("third.err"))).contains("imported before");

        assertThat(importFolders(moving)).isEmpty();
        JsonNode otherManifest = ApiClient.JSON.readTree(MovingArchives.read(another).get(ArchiveLayout.MANIFEST));
        try (Database db = Database.open(target)) {
            for (JsonNode table : manifest.path("tables")) {
                long others = 0;
                for (JsonNode t : otherManifest.path("tables")) {
                    others += t.path("name").asText().equals(table.path("name").asText()) ? t.path("rows").asLong() : 0;
                }
                assertThat(count(db, table.path("name").asText())).as(table.path("name").asText())
                        .isEqualTo(table.path("rows").asLong() + others);
            }
        }
        try (TestServer to = TestServer.start(toDir, Map.of("GATEFOLD_DB_URL", target.dbUrl()))) {
            ApiClient api = new ApiClient(to);
            assertThat(api.get("/api/releases", source.artist.token()).json().size()).isEqualTo(2);
            Map<String, byte[]> stored = MovingRoundTripTest.bytesByName(to);
            source.files.forEach((name, bytes) -> assertThat(stored.get(name)).as(name).isEqualTo(bytes));
        }
    }

    private static List<Path> importFolders(Path moving) throws java.io.IOException {
        try (var listed = Files.list(moving)) {
            return listed.filter(p -> p.getFileName().toString().startsWith("import-")).toList();
        }
    }

    /** Where the tar header of an entry starts: headers sit on 512-byte boundaries and begin with the name. */
    private static int offsetOf(byte[] archive, String entry) {
        byte[] name = entry.getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at + name.length <= archive.length; at += 512) {
            if (java.util.Arrays.equals(archive, at, at + name.length, name, 0, name.length) && archive[at + name.length] == 0) {
                return at;
            }
        }
        throw new AssertionError("no entry " + entry + " in the archive");
    }

    private static OutputStream open(Path pipe) {
        try {
            return Files.newOutputStream(pipe); // blocks until the child opens its end
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code gatefold ARGS} in a JVM of its own, on the tests' class path, its output in NAME.out and NAME.err. */
    private static Process gatefold(Path work, String name, String... args) throws java.io.IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "gatefold.server.Main"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile()).directory(new File(work.toString())).start();
    }

    private static long count(Database db, String table) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
    }
}
