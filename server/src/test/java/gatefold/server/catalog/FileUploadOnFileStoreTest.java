package gatefold.server.catalog;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

class FileUploadOnFileStoreTest extends FileUploadContract {

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @Override
    int storedObjects() {
        return count(server.dataDir.resolve("store/blobs")) + count(server.dataDir.resolve("store/uploads"));
    }

    private static int count(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
