package gatefold.server.media;

import java.time.Instant;

/**
 * A file made from a master (another format, a preview), stored under its content key:
 * the same master, recipe, tags and cover always give the same key, and an edit a new one.
 */
public record DerivedFile(String derivedKey, String artistId, String releaseId, String fileId, String format, String blobKey,
                          long size, long crc32, String sha256, Instant createdAt) {
}
