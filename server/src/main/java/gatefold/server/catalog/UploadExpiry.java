package gatefold.server.catalog;

import gatefold.storage.BlobKey;
import gatefold.storage.NoSuchUploadException;
import java.time.Instant;
import java.util.Optional;

/**
 * When a resumable upload has been abandoned: nothing happened to it for the configured
 * time, counted from its start or from the last part the store actually received. Asking for
 * part URLs is not activity, so a client that only asks cannot keep an upload (and the quota
 * it holds) alive.
 */
final class UploadExpiry {

    private UploadExpiry() {
    }

    /**
     * True when the upload is past its expiry at {@code now}. An upload idle by the database's
     * count is asked of the store once: a part that arrived since moves its clock forward.
     */
    static boolean expired(Catalog catalog, Upload upload, Instant now) {
        Instant cutoff = now.minus(catalog.limits().uploadExpiry());
        if (!upload.touchedAt().isBefore(cutoff)) {
            return false;
        }
        Optional<Instant> lastPart;
        try {
            lastPart = catalog.store().lastPartReceived(BlobKey.of(upload.blobKey()), upload.storeUploadId());
        } catch (NoSuchUploadException e) {
            return true;
        }
        if (lastPart.isPresent() && lastPart.get().isAfter(upload.touchedAt())) {
            catalog.dao().touchUpload(upload.id(), lastPart.get());
        }
        return lastPart.map(at -> at.isBefore(cutoff)).orElse(true);
    }
}
