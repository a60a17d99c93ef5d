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

    @Override
    boolean refusalsAlwaysArrive() {
        return false;
    }

    @Test
    void aPartUrlSignsItsContentLength() {
        BlobKey key = BlobKey.of("presigned/signed-length.flac");
        String uploadId = store.createMultipart(key, "audio/flac");
        PresignedRequest link = store.presignPart(key, uploadId, 3, 8_388_608, java.time.Duration.ofMinutes(5));
        String signedHeaders = java.net.URLDecoder.decode(link.url().getRawQuery(), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(?s).*X-Amz-SignedHeaders=([^&]*).*", "$1");
        assertThat(signedHeaders.split(";")).contains("content-length", "host");
        store.abortMultipart(key, uploadId);
    }

    @Test
    void overPlainHttpReadsGoIntoBuffersOutsideTheHeap() throws IOException {
        byte[] bytes = new byte[3_000_000];
        new java.util.Random(11).nextBytes(bytes);
        BlobKey key = BlobKey.of("plain/" + System.nanoTime() + ".bin");
        store.put(key, new java.io.ByteArrayInputStream(bytes), bytes.length, "audio/flac");
        for (ByteRange range : new ByteRange[] {ByteRange.ALL, ByteRange.of(5, 2_000_004), ByteRange.from(2_999_000)}) {
            try (java.io.InputStream in = store.get(key, range)) {
                assertThat(in).isInstanceOf(BufferReadable.class);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocateDirect(256 * 1024);
                java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
                int n;
                while ((n = ((BufferReadable) in).read(buffer.clear())) >= 0) {
                    byte[] chunk = new byte[n];
                    buffer.flip().get(chunk);
                    got.write(chunk);
                }
                int first = (int) range.first();
                int end = range.isOpenEnded() ? bytes.length : (int) range.last() + 1;
                assertThat(got.toByteArray()).isEqualTo(java.util.Arrays.copyOfRange(bytes, first, end));
            }
        }
        assertThatThrownBy(() -> store.get(BlobKey.of("plain/missing.bin"), ByteRange.ALL)).isInstanceOf(NoSuchBlobException.class);
        store.delete(key);
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
