package gatefold.server.catalog;

import java.time.Instant;

/**
 * A file of a release: a track, a master, a cover or an extra. The bytes live in the
 * store under {@code blobKey}; {@code sha256} is null until the file has been verified.
 */
public record ReleaseFile(
        String id,
        String releaseId,
        String name,
        String role,
        int position,
        long size,
        String contentType,
        String sha256,
        String blobKey,
        boolean verified,
        Instant createdAt) {
}
