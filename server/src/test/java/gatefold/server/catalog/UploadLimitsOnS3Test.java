package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadLimitsOnS3Test extends UploadLimitsContract {

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
        // As in FileUploadOnS3Test: counted on S3Proxy's disk, leaving out its own temp files.
        try (Stream<Path> files = Files.walk(s3.dataDir().resolve(bucket))) {
            return (int) files.filter(Files::isRegularFile)
                    .filter(p -> !FileUploadOnS3Test.S3PROXY_TEMP.matcher(p.getFileName().toString()).find()).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bucket, not this server, takes the parts: the URL's signature covers Content-Length. */
    @Test
    void thePartUrlSignsContentLengthSoS3RefusesAnyOtherLength() {
        String uploadId = startUpload("signed.flac", 8 * MIB + 100).text("uploadId");
        Reply where = partUrl(uploadId, 2);
        String query = URLDecoder.decode(java.net.URI.create(where.text("url")).getRawQuery(), StandardCharsets.UTF_8);
        assertThat(query).containsPattern("X-Amz-SignedHeaders=[^&]*content-length");

        Reply longer = sendToPartUrl(where, HttpRequest.BodyPublishers.ofByteArray(new byte[101]));
        assertThat(longer.status()).isEqualTo(403);
        assertThat(longer.body()).contains("SignatureDoesNotMatch");
    }
}
