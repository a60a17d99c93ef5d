package gatefold.storage;

import java.time.Instant;

/**
 * What a verified file-store link allows: a download of {@code key}, or, when
 * {@code uploadId} is set, sending part {@code partNumber} of that upload.
 *
 * @param uploadId         null for a download
 * @param partNumber       0 for a download
 * @param partLength       the exact number of bytes the part must have; -1 for a download
 * @param downloadFilename the name the fan's browser should save, or null
 * @param contentType      the Content-Type to answer with, or null
 */
public record PresignedAccess(BlobKey key, String uploadId, int partNumber, long partLength, String downloadFilename,
                              String contentType, Instant expiresAt) {

    public boolean isDownload() {
        return uploadId == null;
    }
}
