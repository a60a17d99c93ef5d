package gatefold.server.catalog;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import org.junit.jupiter.api.BeforeAll;

class FileUploadOnFileStoreTest extends FileUploadContract {

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @Override
    int storedObjects() {
        return StoredObjects.onFileStore(server.dataDir);
    }
}
