package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import gatefold.server.ServerProcess;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import gatefold.server.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A second Gatefold on a data dir whose embedded database is open elsewhere stops with one line naming the first. */
class EmbeddedDatabaseInUseTest {

    @Test
    void aSecondGatefoldOnTheSameDataDirIsToldWhichProcessHasIt() throws Exception {
        Path dataDir = Files.createTempDirectory("gatefold-shared-data");
        Map<String, String> env = Map.of("GATEFOLD_DATA_DIR", dataDir.toString(), "GATEFOLD_PORT", "0");
        try (ServerProcess first = ServerProcess.start(env)) {
            first.awaitListening(Duration.ofSeconds(60));
            String expected = "the embedded database in " + dataDir.toRealPath() + " is in use by another Gatefold process"
                    + " (PID " + first.pid() + "); stop it or use another GATEFOLD_DATA_DIR";

            try (ServerProcess second = ServerProcess.start(env)) {
                assertThat(second.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
                assertThat(second.stderr().strip()).isEqualTo("gatefold: " + expected);
            }
            // In process too, where the cause says what the database reported.
            Config config = Config.from(Settings.of(env));
            Throwable refused = catchThrowable(() -> Database.open(config));
            assertThat(refused).isInstanceOf(ConfigException.class).hasMessage(expected);
            assertThat(Sql.isUnavailable(refused)).isTrue();

            // The first one carries on regardless, and once it is stopped the data dir opens again.
            assertThat(first.stderr()).doesNotContain("Exception");
            first.terminate();
            first.awaitExit(Duration.ofSeconds(30));
        }
        try (Database reopened = Database.open(Config.from(Settings.of(env)))) {
            assertThat(reopened.isReady()).isTrue();
        }
    }
}
