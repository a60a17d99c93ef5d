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

    private static final String ADD =
            "UPDATE download_counts SET downloads = downloads + :n WHERE entitlement_id = :entitlementId AND file_id = :fileId";
    private static final String FIRST =
            "INSERT INTO download_counts (entitlement_id, file_id, downloads) VALUES (:entitlementId, :fileId, :n)";
    private final Jdbi jdbi;

    public DownloadCounter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Adds downloads already made, with no limit to check. */
    void addUnlimited(String entitlementId, String fileId, int downloads) {
        if (add(entitlementId, fileId, downloads)) {
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate(FIRST).bind("entitlementId", entitlementId).bind("fileId", fileId)
                    .bind("n", downloads).execute());
        } catch (UnableToExecuteStatementException e) {
            // Another writer made the row first; add to it.
            if (!Sql.isUniqueViolation(e) || !add(entitlementId, fileId, downloads)) {
                throw e;
            }
        }
    }

    private boolean add(String entitlementId, String fileId, int n) {
        return jdbi.withHandle(h -> h.createUpdate(ADD).bind("entitlementId", entitlementId).bind("fileId", fileId)
                .bind("n", n).execute()) == 1;
    }

    public int downloads(String entitlementId, String fileId) {
        return jdbi.onDemand(DeliveryDao.class).downloads(entitlementId, fileId).orElse(0);
    }
}
