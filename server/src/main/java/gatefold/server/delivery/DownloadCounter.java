package gatefold.server.delivery;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Counts downloads that start at byte 0 against the release's limit, atomically in the
 * database: with a limit of 5, fifty simultaneous first requests get exactly 5 yeses,
 * on one instance or many.
 */
public final class DownloadCounter {

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
        DeliveryDao dao = jdbi.onDemand(DeliveryDao.class);
        if (dao.countIfBelow(entitlementId, fileId, cap) == 1) {
            return true;
        }
        try {
            dao.firstCount(entitlementId, fileId);
            return true;
        } catch (UnableToExecuteStatementException exists) {
            // Someone else made the row first; the guarded update decides.
            return dao.countIfBelow(entitlementId, fileId, cap) == 1;
        }
    }

    public int downloads(String entitlementId, String fileId) {
        return jdbi.onDemand(DeliveryDao.class).downloads(entitlementId, fileId).orElse(0);
    }
}
