package gatefold.storage;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends a musician's upload to S3 as fast as the connection allows, in bounded memory.
 * A known length streams straight from the caller: in one PutObject up to S3's 5 GiB
 * limit, else as a multipart upload whose parts are consecutive slices of the stream.
 * An unknown length is read into one buffer while the previous buffer uploads as a part,
 * so at most two buffers exist per upload. A failed multipart upload is aborted.
 * Bodies go through the SDK, or through a {@link PresignedPut} when one is given for a
 * plain-http endpoint.
 */
final class S3Uploader {

    /**
     * How big requests may get. S3 takes at most 5 GiB in one PutObject; streamed parts
     * are big to keep requests few; buffered parts cost their size twice in the heap.
     */
    record Limits(long singlePut, long minStreamedPart, int bufferedPart) {
        static final Limits S3 = new Limits(5L * 1024 * 1024 * 1024, 64L * 1024 * 1024, 8 * 1024 * 1024);
    }

    private final S3Client client;
    private final PresignedPut presignedPut;
    private final String bucket;
    private final String endpoint;
    private final Limits limits;

    /** With {@code presignedPut} null, the SDK sends every body. */
    S3Uploader(S3Client client, PresignedPut presignedPut, String bucket, String endpoint, Limits limits) {
        this.client = client;
        this.presignedPut = presignedPut;
        this.bucket = bucket;
        this.endpoint = endpoint;
        this.limits = limits;
    }

    void put(String key, UploadStream bytes, String contentType) {
        if (!bytes.isLengthKnown()) {
            putBuffered(key, bytes, contentType);
        } else if (bytes.declaredLength() <= limits.singlePut()) {
            putStreaming(key, bytes, contentType);
        } else {
            putStreamedParts(key, bytes, contentType);
        }
    }

    String uploadPart(String key, String uploadId, int partNumber, UploadStream bytes) {
        long length = bytes.declaredLength();
        if (length == 0) {
            bytes.requireEnd();
        }
        String etag = send(bytes, "store part " + partNumber + " of " + key, true,
                () -> sendPart(key, uploadId, partNumber, length, streamBody(bytes, length)));
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

    /** Part size for a known length: at least the minimum, and few enough parts for S3. */
    long streamedPartSize(long length) {
        long mib = 1024 * 1024;
        long needed = (length + StoreRules.MAX_PART_NUMBER - 1) / StoreRules.MAX_PART_NUMBER;
        return Math.max(limits.minStreamedPart(), (needed + mib - 1) / mib * mib);
    }

    /** One request reading the caller's stream directly; S3 stores it whole or not at all. */
    private void putStreaming(String key, UploadStream bytes, String contentType) {
        long length = bytes.declaredLength();
        if (length == 0) {
            bytes.requireEnd();
        }
        send(bytes, "store " + key, false, () -> sendObject(key, contentType, length, streamBody(bytes, length)));
        try {
            bytes.requireEnd();
        } catch (RuntimeException e) {
            // Only reachable if the HTTP client stopped reading early; the blob must not stay.
            call("delete " + key, () -> client.deleteObject(r -> r.bucket(bucket).key(key)));
            throw e;
        }
    }

    /** Each part is the next slice of the caller's stream, sent as it is read. */
    private void putStreamedParts(String key, UploadStream bytes, String contentType) {
        long length = bytes.declaredLength();
        long partSize = streamedPartSize(length);
        String uploadId = start(key, contentType);
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (long sent = 0; sent < length; sent += partSize) {
                int partNumber = parts.size() + 1;
                long size = Math.min(partSize, length - sent);
                String etag = send(bytes, "store part " + partNumber + " of " + key, false,
                        () -> sendPart(key, uploadId, partNumber, size, streamBody(bytes, size)));
                if (bytes.count() != sent + size) {
                    throw new StoreException("S3 took " + (bytes.count() - sent) + " of the " + size
                            + " bytes of part " + partNumber + " of " + key);
                }
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            bytes.requireEnd();
            complete(key, uploadId, parts);
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId, e);
            throw e;
        }
    }

    /** Reads the next part while the previous one uploads on a thread of this upload's own. */
    private void putBuffered(String key, UploadStream bytes, String contentType) {
        int partSize = limits.bufferedPart();
        byte[] filling = new byte[partSize];
        int filled = PartWaits.readFully(bytes, filling);
        if (filled < partSize) {
            int size = filled;
            byte[] whole = filling;
            call("store " + key, () -> sendObject(key, contentType, size, fromBuffer(whole, size)));
            return;
        }
        String uploadId = start(key, contentType);
        ExecutorService sender = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "s3-upload " + key);
            thread.setDaemon(true);
            return thread;
        });
        byte[] spare = new byte[partSize];
        Future<CompletedPart> inFlight = null;
        int partCount = 0;
        try {
            List<CompletedPart> parts = new ArrayList<>();
            while (filled > 0) {
                int partNumber = ++partCount;
                if (partNumber > StoreRules.MAX_PART_NUMBER) {
                    throw new StoreException("an upload of unknown length may be at most "
                            + StoreRules.MAX_PART_NUMBER + " parts of " + partSize / (1024 * 1024) + " MiB");
                }
                if (inFlight != null) {
                    parts.add(PartWaits.await(inFlight));
                }
                byte[] sending = filling;
                int size = filled;
                inFlight = sender.submit(() -> sendBuffer(key, uploadId, partNumber, sending, size));
                filling = spare;
                spare = sending;
                filled = size < partSize ? 0 : PartWaits.readFully(bytes, filling);
            }
            parts.add(PartWaits.await(inFlight));
            complete(key, uploadId, parts);
        } catch (RuntimeException e) {
            // A part still on its way could outlive the abort, so let it finish first.
            PartWaits.finishQuietly(inFlight);
            abortQuietly(key, uploadId, e);
            throw e;
        } finally {
            sender.shutdown();
        }
    }

    private CompletedPart sendBuffer(String key, String uploadId, int partNumber, byte[] buffer, int size) {
        String etag = call("store part " + partNumber + " of " + key,
                () -> sendPart(key, uploadId, partNumber, size, fromBuffer(buffer, size)));
        return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
    }

    private String sendObject(String key, String contentType, long length, ContentStreamProvider body) {
        if (presignedPut != null) {
            return presignedPut.putObject(key, contentType, body.newStream(), length);
        }
        return client.putObject(r -> r.bucket(bucket).key(key).contentType(contentType).contentLength(length),
                RequestBody.fromContentProvider(body, length, contentType)).eTag();
    }

    private String sendPart(String key, String uploadId, int partNumber, long length, ContentStreamProvider body) {
        if (presignedPut != null) {
            return presignedPut.uploadPart(key, uploadId, partNumber, body.newStream(), length);
        }
        return client.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(partNumber)
                .contentLength(length), RequestBody.fromContentProvider(body, length, BlobStore.DEFAULT_CONTENT_TYPE))
                .eTag();
    }

    private String start(String key, String contentType) {
        return call("start an upload of " + key, () -> client.createMultipartUpload(
                r -> r.bucket(bucket).key(key).contentType(contentType)).uploadId());
    }

    /**
     * The next {@code length} bytes of the caller's stream as a body. The SDK asks for the
     * body again when it retries, say after a refused connection; that works only while
     * nothing of it has been read yet.
     */
    private static ContentStreamProvider streamBody(UploadStream bytes, long length) {
        long start = bytes.count();
        return () -> {
            if (bytes.count() > start) {
                throw new StoreUnavailableException("the connection to S3 failed during an upload,"
                        + " and a stream cannot be sent twice");
            }
            return new BoundedStream(bytes, length);
        };
    }

    /** The SDK may resend a buffered body on retry. */
    private static ContentStreamProvider fromBuffer(byte[] buffer, int size) {
        return () -> new ByteArrayInputStream(buffer, 0, size);
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
