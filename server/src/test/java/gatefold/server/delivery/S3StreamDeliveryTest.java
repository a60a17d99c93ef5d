package gatefold.server.delivery;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** GATEFOLD_DELIVERY=stream on S3: the server passes ranges through to S3 and streams the bytes. */
class S3StreamDeliveryTest extends DeliveryContract {

    @BeforeAll
    static void start() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        server = TestServer.start(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", s3.createFreshBucket(), "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey(), "GATEFOLD_DELIVERY", "stream"));
        api = new ApiClient(server);
    }
}
