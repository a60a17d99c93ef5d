package gatefold.server.catalog;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import org.junit.jupiter.api.BeforeAll;

class FileUploadOnS3Test extends FileUploadContract {

    static S3ProxyServer s3;
    static String bucket;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.shared();
        bucket = s3.createFreshBucket();
        server = TestServer.start(TestServer.onS3(s3, bucket));
        api = new ApiClient(server);
    }

    @Override
    int storedObjects() {
        return StoredObjects.onS3Proxy(s3, bucket);
    }
}
