package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator moves the whole store with two commands: `gatefold export --with-secrets` on the old
 * data dir and `gatefold import` on the new one. The download-link keys travel sealed under the
 * passphrase, so a link a fan saved from the old store downloads the same bytes from the new one.
 */
class MovingCommandTest {

    @Test
    void theWholeStoreMovesAndAFansOldDownloadLinkStillWorks() throws Exception {
        Path fromDir = Files.createTempDirectory("gatefold-from");
        MovingFixture source;
        try (TestServer from = TestServer.start(fromDir, Map.of())) {
            source = new MovingFixture(from, "Whole Store One", "one@example.com");
            new MovingFixture(from, "Whole Store Two", "two@example.com");
        }
        Path passphrase = Files.writeString(Files.createTempFile("gatefold-pass", ".txt"), "correct horse battery staple\n");
        Path archive = Files.createTempDirectory("gatefold-archive").resolve("store.tar");
        assertThat(MovingFixture.command("export", "--out", archive.toString(), "--with-secrets", "--passphrase-file", passphrase.toString(),
                "--config", config(fromDir).toString())).isZero();
        assertThat(archive).exists();
        assertThat(archive.resolveSibling("store.tar.part")).doesNotExist();

        Path wrongDir = Files.createTempDirectory("gatefold-wrong");
        Path wrong = Files.writeString(Files.createTempFile("gatefold-pass", ".txt"), "not the passphrase at all");
        assertThat(MovingFixture.command("import", archive.toString(), "--passphrase-file", wrong.toString(), "--config", config(wrongDir).toString()))
                .isEqualTo(2);
        assertThat(MovingFixture.command("import", archive.toString(), "--config", config(wrongDir).toString())).isEqualTo(2);

        Path toDir = Files.createTempDirectory("gatefold-to");
        TestServer.start(toDir, Map.of()).close(); // a store that already signs links with a key of its own
        assertThat(MovingFixture.command("import", archive.toString(), "--with-secrets", "--passphrase-file", passphrase.toString(),
                "--config", config(toDir).toString())).isZero();
        assertThat(MovingFixture.command("import", archive.toString(), "--passphrase-file", passphrase.toString(),
                "--config", config(toDir).toString())).isEqualTo(3);

        Path buyers = Files.writeString(Files.createTempFile("gatefold-buyers", ".csv"),
                "Buyer Email,Date\nnew-fan@example.com,2024-02-01\nbroken,2024-02-02\n");
        String gifted = source.releaseIds.get(1);
        assertThat(MovingFixture.command("import-buyers", "--release", gifted, buyers.toString(), "--config", config(toDir).toString())).isEqualTo(1);
        assertThat(MovingFixture.command("import-buyers", "--release", gifted, buyers.toString(), "--skip-bad-rows", "--column", "email=Buyer Email",
                "--config", config(toDir).toString())).isZero();

        try (TestServer to = TestServer.start(toDir, Map.of())) {
            HttpResponse<byte[]> download = to.client().send(HttpRequest.newBuilder(URI.create(
                    to.url(URI.create(source.downloadUrl).getRawPath()))).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(source.files.get(source.downloadName));
            ApiClient api = new ApiClient(to.url(""), "unused");
            assertThat(api.get("/api/releases", source.artist.token()).json().size()).isEqualTo(2);
            assertThat(api.get("/api/purchases?release=" + gifted, source.artist.token()).body())
                    .contains("new-fan@example.com").doesNotContain("broken");
        }
    }

    private static Path config(Path dataDir) throws Exception {
        return Files.writeString(Files.createTempFile("gatefold", ".properties"),
                "GATEFOLD_DATA_DIR=" + dataDir + "\nGATEFOLD_HOST=127.0.0.1\nGATEFOLD_PORT=0\n");
    }
}
