package gatefold.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.TestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class HealthTest {

    @Test
    void embeddedDefaultsAreLiveAndReady() {
        try (TestServer server = TestServer.start()) {
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
            var ready = server.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(ready.body()).contains("\"database\":\"up\"").contains("\"store\":\"up\"");
            assertThat(server.dataDir.resolve("db")).isDirectory();
            assertThat(server.dataDir.resolve("store")).isDirectory();
        }
    }

    @Test
    void readinessFailsWhenTheStoreStopsAnswering() throws Exception {
        try (TestServer server = TestServer.start()) {
            Path store = server.dataDir.resolve("store");
            try (Stream<Path> files = Files.walk(store)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            Files.writeString(store, "not a directory");
            var ready = server.get("/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"store\":\"down\"").contains("\"database\":\"up\"");
            assertThat(server.get("/health/live").statusCode()).isEqualTo(200);
            Files.delete(store);
        }
    }
}
