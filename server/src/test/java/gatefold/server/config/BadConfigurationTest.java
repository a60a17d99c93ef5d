package gatefold.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ServerProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each bad setting stops `gatefold serve` with exit 2 and one line naming the variable and the fix. */
class BadConfigurationTest {

    private String failsWithOneLine(Map<String, String> env) throws Exception {
        Map<String, String> all = new HashMap<>(env);
        all.putIfAbsent("GATEFOLD_DATA_DIR", Files.createTempDirectory("gatefold-bad").toString());
        all.putIfAbsent("GATEFOLD_PORT", "0");
        try (ServerProcess server = ServerProcess.start(all)) {
            assertThat(server.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
            String err = server.stderr().strip();
            assertThat(err.lines().count()).as("stderr: %s", err).isEqualTo(1);
            assertThat(err).startsWith("gatefold: ").doesNotContain("Exception").doesNotContain("\tat ");
            return err;
        }
    }

    @Test
    void unknownStoreNamesTheVariableAndTheChoices() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_STORE", "tape"))).contains("GATEFOLD_STORE").contains("file").contains("s3");
    }

    @Test
    void unreachableDatabaseNamesTheUrlVariable() throws Exception {
        int closed = freePort();
        assertThat(failsWithOneLine(Map.of("GATEFOLD_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/gatefold")))
                .contains("GATEFOLD_DB_URL");
    }

    @Test
    void aUrlThatIsNotJdbcIsRefused() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_DB_URL", "mysql://localhost/x"))).contains("GATEFOLD_DB_URL");
    }

    @Test
    void aPortInUseNamesThePortVariable() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThat(failsWithOneLine(Map.of("GATEFOLD_PORT", Integer.toString(taken.getLocalPort()))))
                    .contains("GATEFOLD_PORT").contains("in use");
        }
    }

    @Test
    void aTrustedProxyListThatIsNotAddressBlocksIsRefused() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_TRUSTED_PROXIES", "127.0.0.1/32, proxy.internal")))
                .contains("GATEFOLD_TRUSTED_PROXIES").contains("proxy.internal").contains("10.0.0.0/8");
    }

    @Test
    void aPortThatIsNotANumberIsRefused() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_PORT", "seventy"))).contains("GATEFOLD_PORT");
    }

    @Test
    void anUnreachableS3EndpointNamesTheEndpointVariable() throws Exception {
        int closed = freePort();
        assertThat(failsWithOneLine(Map.of("GATEFOLD_STORE", "s3",
                "GATEFOLD_S3_ENDPOINT", "http://127.0.0.1:" + closed,
                "GATEFOLD_S3_BUCKET", "music", "GATEFOLD_S3_ACCESS_KEY", "k", "GATEFOLD_S3_SECRET_KEY", "s")))
                .contains("GATEFOLD_S3_ENDPOINT");
    }

    @Test
    void s3WithoutABucketNamesTheBucketVariable() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_STORE", "s3"))).contains("GATEFOLD_S3_BUCKET");
    }

    @Test
    void aBucketNameS3DoesNotAllowNamesTheBucketVariable() throws Exception {
        assertThat(failsWithOneLine(Map.of("GATEFOLD_STORE", "s3", "GATEFOLD_S3_ENDPOINT", "http://127.0.0.1:9",
                "GATEFOLD_S3_BUCKET", "b", "GATEFOLD_S3_ACCESS_KEY", "k", "GATEFOLD_S3_SECRET_KEY", "s")))
                .contains("GATEFOLD_S3_BUCKET");
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
