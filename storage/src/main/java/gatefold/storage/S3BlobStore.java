package gatefold.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * Blobs in a bucket of AWS S3 or an S3-compatible service. Uploads stream in bounded
 * memory; downloads stream straight from S3 and abort rather than drain when closed early.
 * Connection failures surface as {@link StoreUnavailableException} so the server can answer 503.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Settings settings;
    private final S3Client client;
    private final S3Presigner presigner;
    private final S3Uploader uploader;
    private final S3Presigning presigning;
    private final boolean plainHttp;
    private static final Duration PLAIN_GET_LIFETIME = Duration.ofMinutes(5);
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    public S3BlobStore(S3Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = S3Clients.client(settings);
        this.presigner = S3Clients.presigner(settings);
        this.plainHttp = S3Clients.signsEveryChunk(settings);
        PresignedPut presignedPut = plainHttp
                ? new PresignedPut(presigner, settings.bucket())
                : null;
        this.presigning = new S3Presigning(presigner, settings.bucket());
        this.uploader = new S3Uploader(client, presignedPut, settings.bucket(), endpoint(), S3Uploader.Limits.S3);
    }

    /**
     * A store whose bucket is known to exist and accept the credentials. A missing bucket is
     * created when {@code createBucket} is set; otherwise, and for an unreachable endpoint or
     * refused credentials, a one-line {@link StoreUnavailableException} names the setting to fix.
     */
    public static S3BlobStore open(S3Settings settings, boolean createBucket) {
        S3BlobStore store = new S3BlobStore(settings);
        try {
            S3Bucket.check(store.client, settings, createBucket);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    @Override
    public BlobInfo put(BlobKey key, InputStream bytes, long length, String contentType) {
        uploader.put(key.value(), new UploadStream(bytes, length), StoreRules.typeOrDefault(contentType));
        return head(key).orElseThrow(() -> new StoreException("S3 lost " + key + " right after storing it"));
    }

    @Override
    public InputStream get(BlobKey key, ByteRange range) {
        if (plainHttp) {
            InputStream direct = getPlain(key, range);
            if (direct != null) {
                return direct;
            }
        }
        GetObjectRequest.Builder request = GetObjectRequest.builder().bucket(settings.bucket()).key(key.value());
        if (!range.isAll()) {
            request.range("bytes=" + range.first() + "-" + (range.isOpenEnded() ? "" : Long.toString(range.last())));
        }
        ResponseInputStream<GetObjectResponse> response = call("read " + key, () -> client.getObject(request.build()));
        return new AbortOnCloseInputStream(response);
    }

    /** Over plain http, through a presigned URL into buffers outside the heap; null to leave it to the SDK. */
    private InputStream getPlain(BlobKey key, ByteRange range) {
        String action = "read " + key;
        PresignedGetObjectRequest presigned = call(action, () -> presigner.presignGetObject(r -> r.signatureDuration(PLAIN_GET_LIFETIME)
                .getObjectRequest(g -> g.bucket(settings.bucket()).key(key.value()))));
        try {
            return PlainHttpGet.open(presigned.url(), presigned.signedHeaders(), range, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        } catch (PlainHttpGet.Refused e) {
            throw translate(S3Failures.serviceError(e.status, e.body), action);
        } catch (IOException e) {
            throw translate(SdkClientException.builder().message(e.getMessage()).cause(e).build(), action);
        }
    }

    @Override
    public Optional<BlobInfo> head(BlobKey key) {
        HeadObjectResponse response;
        try {
            response = client.headObject(r -> r.bucket(settings.bucket()).key(key.value()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw translate(e, "look up " + key);
        } catch (SdkException e) {
            throw translate(e, "look up " + key);
        }
        return Optional.of(new BlobInfo(key, response.contentLength(), StoreRules.unquote(response.eTag()),
                response.contentType(), response.lastModified()));
    }

    @Override
    public void delete(BlobKey key) {
        call("delete " + key, () -> client.deleteObject(r -> r.bucket(settings.bucket()).key(key.value())));
    }

    @Override
    public String createMultipart(BlobKey key, String contentType) {
        return call("start an upload of " + key, () -> client.createMultipartUpload(
                r -> r.bucket(settings.bucket()).key(key.value()).contentType(StoreRules.typeOrDefault(contentType)))
                .uploadId());
    }

    @Override
    public PartInfo uploadPart(BlobKey key, String uploadId, int partNumber, InputStream bytes, long length) {
        StoreRules.checkPartNumber(partNumber);
        StoreRules.checkPartLength(length);
        Objects.requireNonNull(uploadId, "uploadId");
        String etag = uploader.uploadPart(key.value(), uploadId, partNumber, new UploadStream(bytes, length));
        return new PartInfo(partNumber, etag, length);
    }

    @Override
    public List<PartInfo> listParts(BlobKey key, String uploadId) {
        Objects.requireNonNull(uploadId, "uploadId");
        return callOnUpload("list the parts of " + key, () -> {
            List<PartInfo> parts = new ArrayList<>();
            client.listPartsPaginator(r -> r.bucket(settings.bucket()).key(key.value()).uploadId(uploadId))
                    .parts()
                    .forEach(p -> parts.add(new PartInfo(p.partNumber(), StoreRules.unquote(p.eTag()), p.size())));
            return parts;
        });
    }

    @Override
    public Optional<Instant> lastPartReceived(BlobKey key, String uploadId) {
        Objects.requireNonNull(uploadId, "uploadId");
        return callOnUpload("list the parts of " + key, () -> client
                .listPartsPaginator(r -> r.bucket(settings.bucket()).key(key.value()).uploadId(uploadId))
                .parts().stream().map(Part::lastModified).filter(Objects::nonNull).max(Comparator.naturalOrder()));
    }

    @Override
    public BlobInfo completeMultipart(BlobKey key, String uploadId, List<PartInfo> parts) {
        Objects.requireNonNull(uploadId, "uploadId");
        if (parts == null || parts.isEmpty()) {
            throw new InvalidPartException("a multipart upload needs at least one part");
        }
        List<CompletedPart> completed = new ArrayList<>(parts.size());
        int previous = 0;
        for (PartInfo part : parts) {
            if (part.partNumber() <= previous) {
                throw new InvalidPartException("parts must be listed in ascending part-number order");
            }
            previous = part.partNumber();
            completed.add(CompletedPart.builder().partNumber(part.partNumber())
                    .eTag('"' + StoreRules.unquote(part.etag()) + '"').build());
        }
        uploader.complete(key.value(), uploadId, completed);
        return head(key).orElseThrow(() -> new StoreException("S3 lost " + key + " right after assembling it"));
    }

    @Override
    public void abortMultipart(BlobKey key, String uploadId) {
        try {
            client.abortMultipartUpload(r -> r.bucket(settings.bucket()).key(key.value()).uploadId(uploadId));
        } catch (SdkException e) {
            RuntimeException translated = S3Failures.translateForUpload(e, "abort the upload of " + key, endpoint());
            if (!(translated instanceof NoSuchUploadException)) {
                throw translated;
            }
            // Aborting an unknown upload is not an error.
        }
    }

    @Override
    public List<PendingUpload> pendingUploads(String keyPrefix) {
        return call("list the uploads under " + keyPrefix, () -> {
            List<PendingUpload> found = new ArrayList<>();
            client.listMultipartUploadsPaginator(r -> r.bucket(settings.bucket()).prefix(keyPrefix)).uploads()
                    .forEach(u -> found.add(new PendingUpload(BlobKey.of(u.key()), u.uploadId(), u.initiated())));
            found.sort(Comparator.comparing(PendingUpload::started));
            return found;
        });
    }

    @Override
    public PresignedRequest presignGet(BlobKey key, Duration lifetime, String downloadFilename, String contentType) {
        return call("presign " + key, () -> presigning.get(key, lifetime, downloadFilename, contentType));
    }

    @Override
    public PresignedRequest presignPart(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime) {
        StoreRules.checkPartNumber(partNumber);
        StoreRules.checkPartLength(length);
        Objects.requireNonNull(uploadId, "uploadId");
        return call("presign part " + partNumber + " of " + key, () -> presigning.part(key, uploadId, partNumber, length, lifetime));
    }

    @Override
    public void checkReady() {
        S3Bucket.check(client, settings, false);
    }

    @Override
    public String describe() {
        String where = settings.endpoint() != null ? settings.endpoint().toString() : "aws:" + settings.region();
        return "s3://" + settings.bucket() + "@" + where;
    }

    /** S3 keeps no working space of its own; a dead writer leaves only multipart uploads. */
    @Override
    public int removeLeftovers() {
        return 0;
    }

    @Override
    public void close() {
        presigner.close();
        client.close();
    }

    private String endpoint() {
        return S3Bucket.endpoint(settings);
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw translate(e, action);
        }
    }

    private <T> T callOnUpload(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw S3Failures.translateForUpload(e, action, endpoint());
        }
    }

    private RuntimeException translate(SdkException e, String action) {
        return S3Failures.translate(e, action, endpoint());
    }
}
