package gatefold.storage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends a stream to S3 in bounded memory. A known length up to {@link #SINGLE_PUT_LIMIT}
 * streams in one PutObject; anything larger, or of unknown length, goes through one reused
 * {@link #PART_SIZE} buffer as a multipart upload that is aborted on any failure.
 */
final class S3Uploader {

    static final long SINGLE_PUT_LIMIT = 64L * 1024 * 1024;
    static final int PART_SIZE = 8 * 1024 * 1024;

    private final S3Client client;
    private final String bucket;
    private final String endpoint;

    S3Uploader(S3Client client, String bucket, String endpoint) {
        this.client = client;
        this.bucket = bucket;
        this.endpoint = endpoint;
    }

    void put(String key, UploadStream bytes, String contentType) {
        if (bytes.isLengthKnown() && bytes.declaredLength() <= SINGLE_PUT_LIMIT) {
            putStreaming(key, bytes, contentType);
        } else {
            putInParts(key, bytes, contentType);
        }
    }

    String uploadPart(String key, String uploadId, int partNumber, UploadStream bytes) {
        long length = bytes.declaredLength();
        if (length == 0) {
            bytes.requireEnd();
        }
        String etag = send(bytes, "store part " + partNumber + " of " + key, true, () -> client.uploadPart(
                r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber).contentLength(length),
                streamBody(bytes)).eTag());
        bytes.requireEnd();
        return StoreRules.unquote(etag);
    }

    void complete(String key, String uploadId, List<CompletedPart> parts) {
        try {
            client.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (SdkException e) {
            throw S3Failures.translateForUpload(e, "assemble " + key, endpoint);
        }
    }

    /** One request reading the caller's stream directly; S3 stores it whole or not at all. */
    private void putStreaming(String key, UploadStream bytes, String contentType) {
        long length = bytes.declaredLength();
        if (length == 0) {
            bytes.requireEnd();
        }
        send(bytes, "store " + key, false, () -> client.putObject(
                r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(length),
                streamBody(bytes)));
        try {
            bytes.requireEnd();
        } catch (RuntimeException e) {
            // Only reachable if the SDK stopped reading early; the blob must not stay.
            call("delete " + key, () -> client.deleteObject(r -> r.bucket(bucket).key(key)));
            throw e;
        }
    }

    private void putInParts(String key, UploadStream bytes, String contentType) {
        byte[] buffer = new byte[PART_SIZE];
        int filled = readFully(bytes, buffer);
        if (filled < PART_SIZE) {
            int size = filled;
            call("store " + key, () -> client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType),
                    fromBuffer(buffer, size)));
            return;
        }
        String uploadId = call("start an upload of " + key, () -> client.createMultipartUpload(
                r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId());
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                int partNumber = parts.size() + 1;
                if (partNumber > StoreRules.MAX_PART_NUMBER) {
                    throw new StoreException("an upload of unknown length may be at most "
                            + StoreRules.MAX_PART_NUMBER + " parts of " + PART_SIZE / (1024 * 1024) + " MiB");
                }
                int size = filled;
                String etag = call("store part " + partNumber + " of " + key, () -> client.uploadPart(
                        r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber),
                        fromBuffer(buffer, size)).eTag());
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                filled = size < PART_SIZE ? 0 : readFully(bytes, buffer);
            }
            complete(key, uploadId, parts);
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /**
     * The caller's stream as a body. The SDK asks for the body again when it retries, say
     * after a refused connection; that works only while nothing has been read yet.
     */
    private static RequestBody streamBody(UploadStream bytes) {
        return RequestBody.fromContentProvider(() -> {
            if (bytes.count() > 0) {
                throw new StoreUnavailableException("the connection to S3 failed during an upload,"
                        + " and a stream cannot be sent twice");
            }
            return bytes;
        }, bytes.declaredLength(), BlobStore.DEFAULT_CONTENT_TYPE);
    }

    /** The SDK may resend a buffered body on retry. */
    private static RequestBody fromBuffer(byte[] buffer, int size) {
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, size), size,
                "application/octet-stream");
    }

    private static int readFully(UploadStream bytes, byte[] buffer) {
        int filled = 0;
        while (filled < buffer.length) {
            int n = bytes.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                break;
            }
            filled += n;
        }
        return filled;
    }

    /** Sends a request reading from {@code bytes}; a short, long or broken upload wins over the SDK's report. */
    private <T> T send(UploadStream bytes, String action, boolean partOfUpload, Supplier<T> request) {
        try {
            return request.get();
        } catch (RuntimeException e) {
            RuntimeException cause = bytes.failure().orElse(null);
            if (cause != null) {
                throw cause;
            }
            if (e instanceof SdkException sdk) {
                throw partOfUpload
                        ? S3Failures.translateForUpload(sdk, action, endpoint)
                        : S3Failures.translate(sdk, action, endpoint);
            }
            throw e instanceof StoreException ? e : new StoreException("S3 could not " + action + ": " + e, e);
        }
    }

    private <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw S3Failures.translate(e, action, endpoint);
        }
    }

    private void abortQuietly(String key, String uploadId, RuntimeException failure) {
        try {
            client.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
