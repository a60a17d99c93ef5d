package gatefold.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.config.ConfigException;
import gatefold.storage.S3ProxyServer;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server on S3 (a real S3Proxy): ready when the bucket answers, a clear stop when it is missing. */
class S3ServeTest {

    @Test
    void readyOnS3WhenTheBucketAnswers() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        try (TestServer server = TestServer.start(TestServer.onS3(s3, s3.createFreshBucket()))) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
            assertThat(server.gatefold.store().describe()).startsWith("s3://");
        }
    }

    @Test
    void aMissingBucketStopsTheStartUnlessAskedToCreateIt() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        String bucket = "gatefold-missing-" + System.nanoTime();
        assertThatThrownBy(() -> TestServer.start(TestServer.onS3(s3, bucket)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GATEFOLD_S3_BUCKET")
                .hasMessageContaining("GATEFOLD_S3_CREATE_BUCKET");
        Map<String, String> env = TestServer.onS3(s3, bucket);
        env.put("GATEFOLD_S3_CREATE_BUCKET", "true");
        try (TestServer server = TestServer.start(env)) {
            assertThat(server.get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void wrongS3CredentialsNameTheKeyVariables() {
        S3ProxyServer s3 = S3ProxyServer.shared();
        Map<String, String> env = TestServer.onS3(s3, s3.createFreshBucket());
        env.put("GATEFOLD_S3_SECRET_KEY", "not-the-secret");
        assertThatThrownBy(() -> TestServer.start(env))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("GATEFOLD_S3_ACCESS_KEY");
    }
}
