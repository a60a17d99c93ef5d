package gatefold.server.delivery;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Counts downloads that start at byte 0 per purchase and file. Against a release's limit
 * the count is spent atomically in the database before any byte is sent: with a limit of
 * 5, fifty simultaneous first requests get exactly 5 yeses, on one instance or many.
 * Without a limit there is nothing to refuse, so those counts arrive in batches with the
 * download log (see {@link DownloadLog}); they are there if the artist sets a limit later.
 */
public final class DownloadCounter {

    private static final String ADD_IF_BELOW = """
            UPDATE download_counts SET downloads = downloads + :n
            WHERE entitlement_id = :entitlementId AND file_id = :fileId AND downloads + :n <= :limit""";
    private static final String FIRST =
            "INSERT INTO download_counts (entitlement_id, file_id, downloads) VALUES (:entitlementId, :fileId, :n)";
    private final Jdbi jdbi;

    public DownloadCounter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Spends one download if the limit allows; {@code limit} null means unlimited. */
    public boolean tryCount(String entitlementId, String fileId, Integer limit) {
        int cap = limit == null ? Integer.MAX_VALUE : limit;
        return cap >= 1 && add(entitlementId, fileId, 1, cap);
    }

    /** Adds downloads already made, with no limit to check. */
    void addUnlimited(String entitlementId, String fileId, int downloads) {
        add(entitlementId, fileId, downloads, Integer.MAX_VALUE);
    }

    private boolean add(String entitlementId, String fileId, int n, int cap) {
        if (addIfBelow(entitlementId, fileId, n, cap)) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate(FIRST).bind("entitlementId", entitlementId).bind("fileId", fileId)
                    .bind("n", n).execute());
            return true;
        } catch (UnableToExecuteStatementException exists) {
            // Someone else made the row first; the guarded update decides.
            return addIfBelow(entitlementId, fileId, n, cap);
        }
    }

    private boolean addIfBelow(String entitlementId, String fileId, int n, int cap) {
        return jdbi.withHandle(h -> h.createUpdate(ADD_IF_BELOW).bind("entitlementId", entitlementId)
                .bind("fileId", fileId).bind("n", n).bind("limit", cap).execute()) == 1;
    }

    public int downloads(String entitlementId, String fileId) {
        return jdbi.onDemand(DeliveryDao.class).downloads(entitlementId, fileId).orElse(0);
    }
}
