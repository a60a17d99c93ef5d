package gatefold.server.catalog;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

class FileUploadOnS3Test extends FileUploadContract {

    static final java.util.regex.Pattern S3PROXY_TEMP =
            java.util.regex.Pattern.compile("-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
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
        // Counted on S3Proxy's disk rather than by listing: its filesystem backend keeps unfinished
        // multipart parts as files there, and fails to list folders holding them. A PUT cut off
        // mid-body leaves S3Proxy's own temp file ("<key>-<uuid>"), which no S3 call can see.
        try (Stream<Path> files = Files.walk(s3.dataDir().resolve(bucket))) {
            return (int) files.filter(Files::isRegularFile)
                    .filter(p -> !S3PROXY_TEMP.matcher(p.getFileName().toString()).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
