package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tests that need S3 must fail when S3Proxy cannot run, never skip quietly. */
class S3ProxyServerTest {

    @Test
    void aMissingJarFailsLoudly() {
        Path missing = Path.of("target", "tools", "no-such-s3proxy.jar");
        assertThatThrownBy(() -> S3ProxyServer.start(missing))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining(S3ProxyServer.JAR_PROPERTY);
    }

    @Test
    void aJarThatCannotStartFailsLoudlyWithItsOutput(@TempDir Path folder) throws IOException {
        Path broken = Files.writeString(folder.resolve("broken.jar"), "not a jar");
        assertThatThrownBy(() -> S3ProxyServer.start(broken))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("S3Proxy exited")
                .hasMessageContaining("broken.jar");
    }

    @Test
    void theSharedServerIsStartedOnceAndChecksSignatures() {
        S3ProxyServer shared = S3ProxyServer.shared();
        assertThat(S3ProxyServer.shared()).isSameAs(shared);
        S3Settings forged = new S3Settings(shared.endpoint(), "us-east-1", shared.createFreshBucket(),
                shared.accessKey(), shared.secretKey() + "x", true);
        assertThatThrownBy(() -> S3BlobStore.open(forged, false)).isInstanceOf(StoreUnavailableException.class);
    }
}
