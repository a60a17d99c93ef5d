package gatefold.server.backups;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.server.common.Refusal;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/** POST /api/admin/backup: a consistent zip of the running embedded database that H2 opens again. */
class BackupTest {

    @Test
    void anOnlineBackupIsAZipThatH2RestoresWithTheCatalogInIt() throws Exception {
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Backed Up", "backed-up@example.com").token();
            api.newRelease(token, Map.of("title", "Kept Safe", "kind", "music", "pricing", "free"));

            assertThat(api.post("/api/admin/backup", null, null).status()).isEqualTo(401);
            assertThat(api.post("/api/admin/backup", token, null).status()).isEqualTo(401);
            Reply made = api.post("/api/admin/backup", api.adminToken(), null);
            assertThat(made.status()).as(made.toString()).isEqualTo(201);
            Path zip = Path.of(made.text("file"));
            assertThat(zip).startsWith(server.dataDir.resolve("backups")).exists();
            assertThat(made.json().path("size").asLong()).isEqualTo(Files.size(zip)).isPositive();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(zip))).isEqualTo("rw-------");
            // The store keeps answering while and after the backup is made.
            assertThat(api.get("/api/releases", token).status()).isEqualTo(200);

            Path restored = unzip(zip, Files.createTempDirectory("gatefold-restored"));
            assertThat(restored.resolve("gatefold.mv.db")).exists();
            String url = "jdbc:h2:file:" + restored.resolve("gatefold") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;IFEXISTS=TRUE";
            try (Connection c = DriverManager.getConnection(url, "sa", "");
                 ResultSet rs = c.createStatement().executeQuery("SELECT r.title FROM releases r JOIN artists a ON a.id = r.artist_id"
                         + " WHERE a.email = 'backed-up@example.com'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("Kept Safe");
            }
        }
    }

    @Test
    void onPostgresqlTheAnswerIsUsePgDump() {
        Backups backups = new Backups(null, false, Path.of("/nonexistent"));
        assertThatThrownBy(backups::backUp).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.kind()).isEqualTo(Refusal.Kind.CONFLICT);
            assertThat(r.code()).isEqualTo("use_pg_dump");
            assertThat(r.getMessage()).contains("pg_dump");
        });
    }

    private static Path unzip(Path zip, Path into) throws Exception {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = into.resolve(entry.getName()).normalize();
                assertThat(target.startsWith(into)).as(entry.getName()).isTrue();
                Files.createDirectories(target.getParent());
                Files.copy((InputStream) in, target);
            }
        }
        return into;
    }
}
