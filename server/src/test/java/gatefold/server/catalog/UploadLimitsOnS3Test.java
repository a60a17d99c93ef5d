package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import gatefold.storage.S3ProxyServer;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadLimitsOnS3Test extends UploadLimitsContract {

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
