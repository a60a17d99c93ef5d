package gatefold.storage;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bytes under keys, and nothing else: a store knows ranges, multipart uploads and
 * presigning, never releases or purchases. Both stores behave the same; one contract
 * test suite holds them to it.
 */
public interface BlobStore extends AutoCloseable {

    /** Unknown length: pass {@code -1}; the store streams in bounded memory either way. */
    long UNKNOWN_LENGTH = -1;

    /** What a blob stored without a content type reads back as. */
    String DEFAULT_CONTENT_TYPE = "application/octet-stream";

    /**
     * Stores the stream under the key, replacing any blob there. A blob becomes visible
     * only once every byte arrived: a failed or short put leaves nothing behind.
     *
     * @throws LengthMismatchException when a known length differs from the bytes read
     */
    BlobInfo put(BlobKey key, InputStream bytes, long length, String contentType);

    /** The blob's bytes in the range; closing the stream early stops the read. */
    InputStream get(BlobKey key, ByteRange range);

    Optional<BlobInfo> head(BlobKey key);

    /** Deleting a missing blob is not an error. */
    void delete(BlobKey key);

    /** Starts a multipart upload; the returned id names it in the calls below. */
    String createMultipart(BlobKey key, String contentType);

    /** Part numbers run 1..10000; sending a part again replaces it. */
    PartInfo uploadPart(BlobKey key, String uploadId, int partNumber, InputStream bytes, long length);

    /** The parts received so far, in part-number order. */
    List<PartInfo> listParts(BlobKey key, String uploadId);

    /**
     * When the newest part of the upload arrived, or empty when none has. Asking for a part
     * URL is not activity; only bytes that arrived are, so an abandoned upload still expires.
     */
    Optional<Instant> lastPartReceived(BlobKey key, String uploadId);

    /** Assembles the named parts, in part-number order, into the blob. */
    BlobInfo completeMultipart(BlobKey key, String uploadId, List<PartInfo> parts);

    /** Drops every part; aborting an unknown upload is not an error. */
    void abortMultipart(BlobKey key, String uploadId);

    /**
     * The multipart uploads under {@code keyPrefix} that were started and neither completed nor
     * aborted, oldest first: what a janitor compares with the uploads it knows of. Not a default
     * method, so a store that wraps another cannot forget to pass it on.
     */
    List<PendingUpload> pendingUploads(String keyPrefix);

    /**
     * Removes what writers that died mid-way left behind in the store's own working space
     * (temporary files; never a blob or a multipart upload) and returns how many things went.
     * Safe while other writers, in this process or another, are busy. Not a default method, for
     * the same reason as {@link #pendingUploads}.
     */
    int removeLeftovers();

    /** A URL a plain HTTP client can GET for the lifetime, with the download filename set. */
    PresignedRequest presignGet(BlobKey key, Duration lifetime, String downloadFilename, String contentType);

    /**
     * Where an uploader sends part {@code partNumber} directly. The URL accepts a body of
     * exactly {@code length} bytes and nothing else (S3: Content-Length is a signed header),
     * so no one holding it can store more than the upload declared.
     */
    PresignedRequest presignPart(BlobKey key, String uploadId, int partNumber, long length, Duration lifetime);

    /** Throws {@link StoreUnavailableException} unless the store answers now. */
    void checkReady();

    /**
     * Whether reads come from this machine's own disk, where the operating system's page
     * cache already keeps the files fans are fetching, so no cache of Gatefold's is needed.
     */
    default boolean readsLocally() {
        return false;
    }

    /**
     * The blob as a file on this machine, for tools that read files (ffmpeg); empty for a
     * store whose blobs live elsewhere, which callers then copy or read through a URL.
     */
    default Optional<java.nio.file.Path> localFile(BlobKey key) {
        return Optional.empty();
    }

    /** For a store whose presigned URLs this server must answer itself: how to check them. */
    default Optional<SelfServedUrls> selfServedUrls() {
        return Optional.empty();
    }

    /** A short description for logs: "file:/path" or "s3://bucket@endpoint". */
    String describe();

    @Override
    void close();
}
