package gatefold.server.delivery;

import gatefold.server.db.Sql;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Counts of downloads per purchase and file. Releases with a limit are counted by
 * {@link Allowances} on the click itself; releases without one are counted here, in
 * batches with the download log, so the counts are there if the artist sets a limit later.
 */
public final class DownloadCounter {

    private final Jdbi jdbi;
    private final AllowanceDao counts;

    public DownloadCounter(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.counts = jdbi.onDemand(AllowanceDao.class);
    }

    /** Adds downloads already made, with no limit to check. */
    void addUnlimited(String entitlementId, String fileId, int downloads) {
        if (add(entitlementId, fileId, downloads)) {
            return;
        }
        try {
            counts.insertCountOf(entitlementId, fileId, downloads);
        } catch (UnableToExecuteStatementException e) {
            // Another writer made the row first; add to it.
            if (!Sql.isUniqueViolation(e) || !add(entitlementId, fileId, downloads)) {
                throw e;
            }
        }
    }

    private boolean add(String entitlementId, String fileId, int n) {
        return counts.addDownloads(entitlementId, fileId, n) == 1;
    }

    public int downloads(String entitlementId, String fileId) {
        return jdbi.onDemand(DeliveryDao.class).downloads(entitlementId, fileId).orElse(0);
    }
}
