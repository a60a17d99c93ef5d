package gatefold.server;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.security.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminTokenTest {

    @Test
    void firstStartPrintsAGeneratedAdminTokenOnceAndStoresOnlyItsHash() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-admin");
        String token;
        try (TestServer first = TestServer.start(dir, Map.of())) {
            token = first.gatefold.adminTokenShownOnce().orElseThrow();
            // Not a terminal: the token goes to an owner-only file, and only its path is printed.
            Path file = dir.resolve("admin-token");
            assertThat(first.consoleOutput).contains("Admin token written to " + file).doesNotContain(token);
            assertThat(Files.readString(file).trim()).isEqualTo(token);
            assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
            assertThat(token).startsWith("gfa_").hasSizeGreaterThanOrEqualTo(4 + 43);
            List<String> stored = first.gatefold.database().jdbi().withHandle(h ->
                    h.createQuery("SELECT setting_value FROM instance_settings").mapTo(String.class).list());
            assertThat(stored).noneMatch(v -> v.contains(token.substring(4)));
            assertThat(stored).contains(Tokens.hash(token));
        }
        try (TestServer second = TestServer.start(dir, Map.of())) {
            assertThat(second.consoleOutput).doesNotContain("Admin token");
            assertThat(second.gatefold.adminTokenShownOnce()).isEmpty();
        }
    }

    @Test
    void aConfiguredAdminTokenIsNeverPrinted() {
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_ADMIN_TOKEN", "operator-chosen-token-0123456789abcdef"))) {
            assertThat(server.consoleOutput).doesNotContain("Admin token").doesNotContain("operator-chosen");
        }
    }

    @Test
    void onATerminalTheTokenIsPrintedAndNoFileIsWritten() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-admin-tty");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        gatefold.server.accounts.AdminTokenNoticeAccess.show("gfa_example", new java.io.PrintStream(out, true), dir, true);
        assertThat(out.toString()).contains("Admin token (shown once").contains("gfa_example");
        assertThat(dir.resolve("admin-token")).doesNotExist();
    }

    @Test
    void aMasterKeyFileOthersCanReadStopsTheStartWithTheFix() throws Exception {
        Path dir = Files.createTempDirectory("gatefold-key");
        TestServer.start(dir, Map.of()).close();
        Path key = dir.resolve("secret.key");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestServer.start(dir, Map.of()))
                .isInstanceOf(gatefold.server.config.ConfigException.class)
                .hasMessageContaining("chmod 600 " + key);
    }

    @Test
    void theMasterKeyFileIsReadableByTheOwnerOnly() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path key = server.dataDir.resolve("secret.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }
}
