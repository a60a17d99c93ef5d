package gatefold.storage;

import java.time.Instant;

/** A multipart upload the store holds that was neither completed nor aborted. */
public record PendingUpload(BlobKey key, String uploadId, Instant started) {
}
