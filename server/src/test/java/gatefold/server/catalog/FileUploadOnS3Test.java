package gatefold.server.catalog;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

class FileUploadOnS3Test extends FileUploadContract {

    static S3ProxyServer s3;
    static String bucket;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        bucket = s3.createFreshBucket();
        server = TestServer.start(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", s3.endpoint().toString(),
                "GATEFOLD_S3_BUCKET", bucket, "GATEFOLD_S3_ACCESS_KEY", s3.accessKey(),
                "GATEFOLD_S3_SECRET_KEY", s3.secretKey()));
        api = new ApiClient(server);
    }

    @Override
    int storedObjects() {
        return StoredObjects.onS3Proxy(s3, bucket);
    }
}
