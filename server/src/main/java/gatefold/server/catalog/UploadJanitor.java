package gatefold.server.catalog;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aborts resumable uploads nobody has touched for the configured time (24 hours by
 * default), so abandoned parts never pile up in the store.
 */
public final class UploadJanitor {

    private static final Logger LOG = LoggerFactory.getLogger(UploadJanitor.class);
    private final Catalog catalog;

    public UploadJanitor(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Aborts every upload idle since before {@code now - expiry}; returns how many. */
    public int runOnce(Instant now) {
        int aborted = 0;
        CatalogDao dao = catalog.dao();
        for (Upload upload : dao.uploadsIdleSince(now.minus(catalog.limits().uploadExpiry()))) {
            // Whoever deletes the row does the abort; another instance finds nothing to do.
            if (dao.deleteUpload(upload.id()) == 1) {
                catalog.abortQuietly(upload);
                aborted++;
            }
        }
        if (aborted > 0) {
            LOG.info("aborted {} abandoned upload(s)", aborted);
        }
        return aborted;
    }
}
