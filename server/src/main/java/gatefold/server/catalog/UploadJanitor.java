package gatefold.server.catalog;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts resumable uploads that received nothing for the configured time (24 hours by
 * default), so abandoned parts never pile up in the store and their hold on the quota ends;
 * and drops quota holds of streamed PUTs whose instance died mid-body.
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
                catalog.abortQuietly(upload);
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
        return aborted;
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
