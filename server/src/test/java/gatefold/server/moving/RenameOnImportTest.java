package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.cli.GatefoldCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An arriving artist whose slug another artist has here stops the import, with the way out
 * named; with {@code rename} they get the first free {@code slug-N}, everything of theirs follows
 * them, and the answer says who was renamed. A taken email is never renamed around: it signs in
 * one artist only.
 */
class RenameOnImportTest {

    @Test
    void aTakenSlugStopsTheImportUnlessRenamedAndATakenEmailAlwaysStops() throws Exception {
        try (TestServer from = TestServer.start(); TestServer to = TestServer.start()) {
            MovingFixture source = new MovingFixture(from, "Same Name", "arriving@example.com");
            byte[] archive = Files.readAllBytes(MovingFixture.download(from, "/api/export", source.artist.token()));
            ApiClient here = new ApiClient(to);
            ApiClient.NewArtist resident = here.newArtist("Same Name", "resident@example.com");
            here.newArtist("Same Name", "other@example.com"); // takes same-name-2
            assertThat(resident.slug()).isEqualTo(source.artist.slug());

            Reply stopped = MovingFixture.upload(to, archive);
            assertThat(stopped.status()).isEqualTo(409);
            assertThat(stopped.body()).contains("slug \\\"" + source.artist.slug()).contains("--rename").contains("Nothing was imported");

            Reply renamed = importRenaming(to, here, archive);
            assertThat(renamed.status()).as(renamed.toString()).isEqualTo(201);
            String newSlug = source.artist.slug() + "-3";
            assertThat(renamed.json().path("artists").get(0).asText()).isEqualTo(newSlug);
            assertThat(renamed.json().path("renamed").path(newSlug).asText()).isEqualTo(source.artist.slug());
            // The arriving artist keeps their releases under the new slug; the resident keeps the old one.
            assertThat(here.get("/api/me", source.artist.token()).json().path("slug").asText()).isEqualTo(newSlug);
            assertThat(here.get("/api/releases", source.artist.token()).json().size()).isEqualTo(2);
            assertThat(here.get("/api/me", resident.token()).json().path("slug").asText()).isEqualTo(source.artist.slug());
            assertThat(here.get("/api/releases", resident.token()).json().size()).isZero();

            MovingFixture clash = new MovingFixture(from, "Clashing Email", "resident@example.com");
            byte[] second = Files.readAllBytes(MovingFixture.download(from, "/api/export", clash.artist.token()));
            Reply email = importRenaming(to, here, second);
            assertThat(email.status()).isEqualTo(409);
            assertThat(email.body()).contains("resident@example.com").contains("--rename cannot help");
            assertThat(here.get("/api/me", clash.artist.token()).status()).isEqualTo(401);
        }
    }

    @Test
    void theCommandLineRenamesAndSaysSo() throws Exception {
        Path fromDir = Files.createTempDirectory("gatefold-from");
        Path toDir = Files.createTempDirectory("gatefold-to");
        String slug;
        try (TestServer from = TestServer.start(fromDir, Map.of()); TestServer to = TestServer.start(toDir, Map.of())) {
            slug = new MovingFixture(from, "Console Band", "console@example.com").artist.slug();
            new ApiClient(to).newArtist("Console Band", "resident-console@example.com");
        }
        Path archive = Files.createTempDirectory("gatefold-archive").resolve("band.tar");
        assertThat(cli("export", "--out", archive.toString(), "--artist", slug, "--with-derived", "--config", config(fromDir))
                .exitCode()).isZero();
        assertThat(MovingArchives.read(Files.readAllBytes(archive))).containsKey("tables/derived_files.jsonl");

        Run refused = cli("import", archive.toString(), "--config", config(toDir));
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.err()).contains("--rename");
        Run renamed = cli("import", archive.toString(), "--rename", "--config", config(toDir));
        assertThat(renamed.exitCode()).as(renamed.err()).isZero();
        assertThat(renamed.out()).contains("Renamed " + slug + " to " + slug + "-2").contains("Imported " + slug + "-2:");
    }

    private record Run(int exitCode, String out, String err) {
    }

    /** Runs a command in this JVM with its standard streams captured (the commands print to System.out and System.err). */
    private static synchronized Run cli(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int code = GatefoldCommand.commandLine().execute(args);
            return new Run(code, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static String config(Path dataDir) throws java.io.IOException {
        return Files.writeString(Files.createTempFile("gatefold", ".properties"), "GATEFOLD_DATA_DIR=" + dataDir + "\n").toString();
    }

    private static Reply importRenaming(TestServer server, ApiClient api, byte[] archive) {
        return api.exchange(HttpRequest.newBuilder(URI.create(server.url("/api/admin/import?rename=true")))
                .header("Authorization", "Bearer " + api.adminToken()).POST(HttpRequest.BodyPublishers.ofByteArray(archive)));
    }
}
