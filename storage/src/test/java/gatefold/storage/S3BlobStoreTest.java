package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3BlobStoreTest extends BlobStoreContract {

    static S3ProxyServer s3;
    static String bucket;
    static S3BlobStore store;

    @BeforeAll
    static void openStore() {
        s3 = S3ProxyServer.shared();
        bucket = s3.createFreshBucket();
        store = S3BlobStore.open(s3.settings(bucket), false);
    }

    @AfterAll
    static void closeStore() {
        store.close();
    }

    @Override
    BlobStore store() {
        return store;
    }

    @Override
    boolean knowsWhichUploadsExist() {
        return false;
    }

    @Test
    void aMissingBucketIsCreatedOnlyWhenAsked() {
        S3Settings settings = s3.settings("gatefold-not-yet-" + Long.toHexString(System.nanoTime()));

        assertThatThrownBy(() -> S3BlobStore.open(settings, false))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("GATEFOLD_S3_BUCKET")
                .hasMessageContaining("GATEFOLD_S3_CREATE_BUCKET=true")
                .hasMessageNotContaining("\n");

        try (S3BlobStore created = S3BlobStore.open(settings, true)) {
            created.checkReady();
            assertThat(created.describe()).isEqualTo("s3://" + settings.bucket() + "@" + s3.endpoint());
        }
    }

    @Test
    void wrongCredentialsNameTheSettingsToFix() {
        S3Settings wrong = new S3Settings(s3.endpoint(), "us-east-1", bucket, s3.accessKey(), "not-the-secret", true);
        assertThatThrownBy(() -> S3BlobStore.open(wrong, false))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("GATEFOLD_S3_ACCESS_KEY")
                .hasMessageContaining("GATEFOLD_S3_SECRET_KEY")
                .hasMessageNotContaining("not-the-secret");
    }

    @Test
    void anUnreachableEndpointMakesTheStoreUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(URI.create("http://127.0.0.1:" + closedPort), "us-east-1", bucket,
                s3.accessKey(), s3.secretKey(), true);

        assertThatThrownBy(() -> S3BlobStore.open(nowhere, false))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("GATEFOLD_S3_ENDPOINT");
        try (S3BlobStore unreachable = new S3BlobStore(nowhere)) {
            assertThatThrownBy(() -> unreachable.get(BlobKey.of("a.flac"), ByteRange.ALL))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(() -> unreachable.put(BlobKey.of("a.flac"), new GeneratedBytes(10, 1), 10, null))
                    .isInstanceOf(StoreUnavailableException.class);
            assertThatThrownBy(unreachable::checkReady).isInstanceOf(StoreUnavailableException.class);
        }
    }

    @Test
    void settingsNeverPrintTheSecret() {
        assertThat(s3.settings(bucket).toString()).doesNotContain(s3.secretKey()).contains(bucket);
    }
}
