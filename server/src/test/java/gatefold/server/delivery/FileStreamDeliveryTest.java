package gatefold.server.delivery;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import org.junit.jupiter.api.BeforeAll;

class FileStreamDeliveryTest extends DeliveryContract {

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }
}
