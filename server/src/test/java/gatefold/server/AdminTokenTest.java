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
            assertThat(first.consoleOutput).contains("Admin token");
            token = first.gatefold.adminTokenShownOnce().orElseThrow();
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
    void theMasterKeyFileIsReadableByTheOwnerOnly() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path key = server.dataDir.resolve("secret.key");
            assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
    }
}
