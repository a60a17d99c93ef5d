package gatefold.server.delivery;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Counts downloads that start at byte 0 against the release's limit, atomically in the
 * database: with a limit of 5, fifty simultaneous first requests get exactly 5 yeses,
 * on one instance or many.
 */
public final class DownloadCounter {

    private static final String COUNT_IF_BELOW = """
            UPDATE download_counts SET downloads = downloads + 1
            WHERE entitlement_id = :entitlementId AND file_id = :fileId AND downloads < :limit""";
    private static final String FIRST =
            "INSERT INTO download_counts (entitlement_id, file_id, downloads) VALUES (:entitlementId, :fileId, 1)";
    private final Jdbi jdbi;

    public DownloadCounter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Spends one download if the limit allows; {@code limit} null means unlimited. */
    public boolean tryCount(String entitlementId, String fileId, Integer limit) {
        int cap = limit == null ? Integer.MAX_VALUE : limit;
        if (cap < 1) {
            return false;
        }
        if (countIfBelow(entitlementId, fileId, cap)) {
            return true;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate(FIRST).bind("entitlementId", entitlementId).bind("fileId", fileId).execute());
            return true;
        } catch (UnableToExecuteStatementException exists) {
            // Someone else made the row first; the guarded update decides.
            return countIfBelow(entitlementId, fileId, cap);
        }
    }

    private boolean countIfBelow(String entitlementId, String fileId, int cap) {
        return jdbi.withHandle(h -> h.createUpdate(COUNT_IF_BELOW).bind("entitlementId", entitlementId)
                .bind("fileId", fileId).bind("limit", cap).execute()) == 1;
    }

    public int downloads(String entitlementId, String fileId) {
        return jdbi.onDemand(DeliveryDao.class).downloads(entitlementId, fileId).orElse(0);
    }
}
