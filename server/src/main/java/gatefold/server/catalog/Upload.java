package gatefold.server.catalog;

import java.time.Instant;

/** A resumable upload in progress. Which parts arrived is the store's to say. */
public record Upload(
        String id,
        String releaseId,
        String artistId,
        String name,
        String role,
        long size,
        String contentType,
        long partSize,
        int partCount,
        String blobKey,
        String storeUploadId,
        Instant createdAt,
        Instant touchedAt) {

    /** The exact size part {@code n} must have. */
    public long expectedPartSize(int n) {
        return n < partCount ? partSize : size - partSize * (partCount - 1L);
    }
}
