package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Each way a musician's upload can travel to S3, against a real S3 server: one streamed
 * PutObject, streamed parts for files beyond S3's single-PUT limit, and buffered parts
 * when the length is unknown. Small limits stand in for S3's 5 GiB, so the part paths
 * run on megabytes. Every case runs through the SDK (as over https) and through
 * presigned URLs (as over plain http); the SDK client records what it was asked to do.
 *
 * <p>S3Proxy 2.6.0 keeps a temporary file for every body cut off mid-way and then fails
 * to list or abort uploads in that bucket, so tests that cut bodies check that an abort
 * was sent, and only the test whose bodies all arrive whole lists uploads, in a bucket
 * of its own.
 */
class S3UploaderTest {

    static final long MIB = 1024 * 1024;
    /** Parts a little over 5 MiB, so no part ends where a copy buffer happens to end. */
    static final S3Uploader.Limits SMALL = new S3Uploader.Limits(10 * MIB, 5 * MIB + 12345, (int) (5 * MIB + 12345));

    enum Route { SDK, PRESIGNED_URL }

    static final List<SdkRequest> requests = new CopyOnWriteArrayList<>();
    static S3ProxyServer s3;
    static String bucket;
    static S3BlobStore store;
    static S3Client client;
    static S3Presigner presigner;

    @BeforeAll
    static void connect() {
        s3 = S3ProxyServer.shared();
        bucket = s3.createFreshBucket();
        store = S3BlobStore.open(s3.settings(bucket), false);
        client = recordingClient();
        presigner = S3Clients.presigner(s3.settings(bucket));
    }

    @BeforeEach
    void forgetRequests() {
        requests.clear();
    }

    @AfterAll
    static void disconnect() {
        presigner.close();
        client.close();
        store.close();
    }

    @ParameterizedTest
    @EnumSource
    void aKnownLengthAboveTheOldSixtyFourMibLimitArrivesInOnePut(Route route) {
        long size = 64 * MIB + 1;
        BlobKey key = BlobKey.of("single/" + route + ".wav");
        uploader(route, S3Uploader.Limits.S3).put(key.value(), new UploadStream(new GeneratedBytes(size, 1), size), "audio/wav");

        assertThat(sent(CreateMultipartUploadRequest.class)).isEmpty();
        assertThat(sent(PutObjectRequest.class)).hasSize(route == Route.SDK ? 1 : 0);
        assertArrived(key, GeneratedBytes.sha256(size, 1), size);
    }

    @ParameterizedTest
    @EnumSource
    void aKnownLengthAboveTheSinglePutLimitStreamsInParts(Route route) {
        long size = 23 * MIB;
        BlobKey key = BlobKey.of("parts/" + route + ".zip");
        uploader(route, SMALL).put(key.value(), new UploadStream(new GeneratedBytes(size, 2), size), "application/zip");

        assertThat(partsAssembled()).isEqualTo(5);
        assertThat(sent(UploadPartRequest.class)).hasSize(route == Route.SDK ? 5 : 0);
        assertArrived(key, GeneratedBytes.sha256(size, 2), size);
    }

    @ParameterizedTest
    @EnumSource
    void anUnknownLengthArrivesInBufferedParts(Route route) {
        long size = 12 * MIB + 3;
        BlobKey key = BlobKey.of("unknown/" + route + ".zip");
        uploader(route, SMALL).put(key.value(), new UploadStream(new GeneratedBytes(size, 3), -1), "application/zip");

        assertThat(partsAssembled()).isEqualTo(3);
        assertThat(sent(UploadPartRequest.class)).hasSize(route == Route.SDK ? 3 : 0);
        assertArrived(key, GeneratedBytes.sha256(size, 3), size);
    }

    @ParameterizedTest
    @EnumSource
    void anUnknownLengthUploadThatBreaksOffIsAborted(Route route) {
        String ownBucket = s3.createFreshBucket();
        String key = "unknown/broken-" + route + ".zip";
        InputStream breaking = new SequenceInputStream(new GeneratedBytes(11 * MIB, 4), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("the musician's connection dropped");
            }
        });

        assertThatThrownBy(() -> uploader(route, ownBucket, SMALL).put(key, new UploadStream(breaking, -1), "application/zip"))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("connection dropped");
        assertThat(partsAssembled()).isZero();
        assertThat(sent(AbortMultipartUploadRequest.class)).hasSize(1);
        assertThat(client.listObjectsV2(r -> r.bucket(ownBucket)).contents()).isEmpty();
        assertThat(client.listMultipartUploads(r -> r.bucket(ownBucket)).uploads()).isEmpty();
    }

    /** One PutObject up to 10 MiB, streamed parts of about 5 MiB above. */
    static Stream<Arguments> wrongLengths() {
        List<Arguments> cases = new ArrayList<>();
        for (Route route : Route.values()) {
            cases.add(arguments(route, 8 * MIB, 8 * MIB - 1, false));
            cases.add(arguments(route, 8 * MIB, 8 * MIB + 1, false));
            cases.add(arguments(route, 23 * MIB, 12 * MIB, true));
            cases.add(arguments(route, 23 * MIB, 23 * MIB - 1, true));
            cases.add(arguments(route, 23 * MIB, 23 * MIB + 1, true));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: declared {1} bytes, sent {2}")
    @MethodSource("wrongLengths")
    void aBodyOfTheWrongLengthLeavesNothing(Route route, long declared, long sent, boolean inParts) {
        BlobKey key = BlobKey.of("wrong-length/" + route + "-" + declared + "-" + sent + ".flac");

        assertThatThrownBy(() -> uploader(route, SMALL).put(key.value(),
                new UploadStream(new GeneratedBytes(sent, 5), declared), "audio/flac"))
                .isInstanceOf(LengthMismatchException.class);
        assertThat(store.head(key)).isEmpty();
        assertThat(partsAssembled()).isZero();
        assertThat(sent(AbortMultipartUploadRequest.class)).hasSize(inParts ? 1 : 0);
    }

    @ParameterizedTest
    @EnumSource
    void aMissingBucketIsReportedWithTheS3ErrorCode(Route route) {
        String missing = "gatefold-missing-" + Long.toHexString(System.nanoTime());
        S3Uploader uploader = new S3Uploader(client, route == Route.SDK ? null : new PresignedPut(presigner, missing),
                missing, s3.endpoint().toString(), SMALL);

        assertThatThrownBy(() -> uploader.put("a.flac", new UploadStream(new GeneratedBytes(10, 6), 10), "audio/flac"))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageContaining("NoSuchBucket");
    }

    @ParameterizedTest
    @EnumSource
    void refusedCredentialsMakeTheStoreUnavailable(Route route) {
        S3Settings wrong = new S3Settings(s3.endpoint(), "us-east-1", bucket, s3.accessKey(), "not-the-secret", true);
        try (S3Client wrongClient = S3Clients.client(wrong); S3Presigner wrongPresigner = S3Clients.presigner(wrong)) {
            S3Uploader uploader = new S3Uploader(wrongClient,
                    route == Route.SDK ? null : new PresignedPut(wrongPresigner, bucket), bucket, "here", SMALL);

            assertThatThrownBy(() -> uploader.put("a.flac", new UploadStream(new GeneratedBytes(10, 7), 10), "audio/flac"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("GATEFOLD_S3_SECRET_KEY");
        }
    }

    @ParameterizedTest
    @EnumSource
    void anUnreachableEndpointMakesTheStoreUnavailable(Route route) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings nowhere = new S3Settings(URI.create("http://127.0.0.1:" + closedPort), "us-east-1", bucket,
                s3.accessKey(), s3.secretKey(), true);
        try (S3Client nowhereClient = S3Clients.client(nowhere); S3Presigner nowherePresigner = S3Clients.presigner(nowhere)) {
            S3Uploader uploader = new S3Uploader(nowhereClient,
                    route == Route.SDK ? null : new PresignedPut(nowherePresigner, bucket), bucket, "nowhere", SMALL);

            assertThatThrownBy(() -> uploader.put("a.flac", new UploadStream(new GeneratedBytes(10, 8), 10), "audio/flac"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot reach S3 at nowhere");
        }
    }

    @Test
    void onlyPlainHttpEndpointsUploadThroughPresignedUrls() {
        assertThat(S3Clients.signsEveryChunk(s3.settings(bucket))).isTrue();
        assertThat(S3Clients.signsEveryChunk(new S3Settings(URI.create("https://minio.example"), "", "b", "", "", true)))
                .isFalse();
        assertThat(S3Clients.signsEveryChunk(new S3Settings(null, "eu-west-1", "b", "", "", false))).isFalse();
    }

    @Test
    void partsOfHugeFilesGrowSoTheFileFitsInTenThousand() {
        S3Uploader uploader = uploader(Route.SDK, S3Uploader.Limits.S3);
        long gib = 1024 * MIB;

        assertThat(uploader.streamedPartSize(6 * gib)).isEqualTo(64 * MIB);
        long fiveTib = 5 * 1024 * gib;
        long partSize = uploader.streamedPartSize(fiveTib);
        assertThat(partSize % MIB).isZero();
        assertThat((fiveTib + partSize - 1) / partSize).isLessThanOrEqualTo(StoreRules.MAX_PART_NUMBER);
        assertThat(partSize).isLessThanOrEqualTo(fiveTib / StoreRules.MAX_PART_NUMBER + MIB);
    }

    private static S3Uploader uploader(Route route, S3Uploader.Limits limits) {
        return uploader(route, bucket, limits);
    }

    private static S3Uploader uploader(Route route, String bucket, S3Uploader.Limits limits) {
        PresignedPut presignedPut = route == Route.SDK ? null : new PresignedPut(presigner, bucket);
        return new S3Uploader(client, presignedPut, bucket, s3.endpoint().toString(), limits);
    }

    /** Configured like the store's own client, and noting every request it is asked to send. */
    private static S3Client recordingClient() {
        ExecutionInterceptor recorder = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                requests.add(context.request());
            }
        };
        return S3Client.builder()
                .endpointOverride(s3.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(s3.accessKey(), s3.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
    }

    private static <T extends SdkRequest> List<T> sent(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** How many parts the upload was assembled from; 0 if it was never assembled. */
    private static int partsAssembled() {
        return sent(CompleteMultipartUploadRequest.class).stream()
                .mapToInt(r -> r.multipartUpload().parts().size()).sum();
    }

    private static void assertArrived(BlobKey key, String sha256, long size) {
        assertThat(store.head(key)).get().extracting(BlobInfo::size).isEqualTo(size);
        assertThat(GeneratedBytes.sha256(store.get(key, ByteRange.ALL))).isEqualTo(sha256);
        store.delete(key);
    }
}
