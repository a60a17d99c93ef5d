package gatefold.server.catalog;

import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PendingUpload;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts resumable uploads that received nothing for the configured time (24 hours by
 * default), so abandoned parts never pile up in the store and their hold on the quota ends;
 * drops quota holds of streamed PUTs whose instance died mid-body; aborts uploads in the store
 * that no upload names (their instance died before or without writing one); and has the store
 * remove temporary files of writers that died.
 */
public final class UploadJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(UploadJanitor.class);
    private final Catalog catalog;

    public UploadJanitor(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Aborts every upload expired at {@code now} (see {@link UploadExpiry}); returns how many. */
    public int runOnce(Instant now) {
        int aborted = 0;
        CatalogDao dao = catalog.dao();
        Instant cutoff = now.minus(catalog.limits().uploadExpiry());
        for (Upload upload : dao.uploadsIdleSince(cutoff)) {
            // Whoever deletes the row does the abort; another instance finds nothing to do.
            if (expired(upload, now) && dao.deleteUpload(upload.id()) == 1) {
                catalog.blobs().abortQuietly(upload);
                aborted++;
            }
        }
        if (aborted > 0) {
            LOG.info("aborted {} abandoned upload(s)", aborted);
        }
        int dropped = catalog.quota().sweep(cutoff);
        if (dropped > 0) {
            LOG.info("released {} storage hold(s) of uploads that stopped mid-body", dropped);
        }
        int orphans = abortOrphans(cutoff);
        if (orphans > 0) {
            LOG.info("aborted {} upload(s) in the store that no upload of ours names", orphans);
        }
        int leftovers = catalog.store().removeLeftovers();
        if (leftovers > 0) {
            LOG.info("removed {} temporary file(s) of writes whose process died", leftovers);
        }
        return aborted;
    }

    /**
     * Multipart uploads in the store that no upload row names, idle since the cutoff: a streamed
     * PUT (sent to S3 in parts) or the start of an upload whose instance died. The store is listed
     * before the rows are read, so an upload started in between is not in the list, and one that
     * finished in between is already complete (aborting it changes nothing).
     */
    private int abortOrphans(Instant cutoff) {
        List<PendingUpload> pending = catalog.store().pendingUploads(CatalogBlobs.PREFIX);
        if (pending.isEmpty()) {
            return 0;
        }
        Set<String> known = new HashSet<>(catalog.dao().storeUploadIds());
        int aborted = 0;
        for (PendingUpload upload : pending) {
            if (!known.contains(upload.uploadId()) && idleSince(upload, cutoff)) {
                catalog.store().abortMultipart(upload.key(), upload.uploadId());
                aborted++;
            }
        }
        return aborted;
    }

    private boolean idleSince(PendingUpload upload, Instant cutoff) {
        try {
            Instant last = catalog.store().lastPartReceived(upload.key(), upload.uploadId()).orElse(upload.started());
            return last.isBefore(cutoff) && upload.started().isBefore(cutoff);
        } catch (NoSuchUploadException e) {
            return false; // Completed or aborted while we looked.
        }
    }

    private boolean expired(Upload upload, Instant now) {
        try {
            return UploadExpiry.expired(catalog, upload, now);
        } catch (RuntimeException e) {
            // The store did not answer: ask again on the next round rather than guess.
            LOG.warn("could not check upload {}: {}", upload.id(), e.getMessage());
            return false;
        }
    }
}
