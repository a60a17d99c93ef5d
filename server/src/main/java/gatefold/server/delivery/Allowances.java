package gatefold.server.delivery;

import gatefold.server.db.Sql;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The download rule for releases with a limit. A download of a file by a purchase is the
 * request that opens a resume window; the requests after it inside the window are free
 * (resumes, retries, a download manager asking once per connection) while their charges
 * stay within twice the file's size. Each request is charged the bytes it asks for when it
 * arrives. Past that, or once the window has closed, a request starts a new download, which
 * counts against the limit; when the limit is spent, it is refused. So one counted download
 * hands out at most three times the file: itself and two more copies' worth of retries.
 * (A download manager with eight connections asks for the whole file once, then for every
 * segment, some of them twice: about 2.1 times the file, all of it inside one window.) The decision for one fan and file is made under a row lock,
 * so instances agree and fifty simultaneous first requests spend exactly what they may.
 */
final class Allowances {

    /** A download window as stored. */
    record Window(Instant openedAt, Instant openUntil, long chargedBytes) {
    }

    /** What a request is, to the rule: free inside an open window, a new counted download, or refused. */
    enum Outcome { FREE, NEW_DOWNLOAD, SPENT }

    /** One request of one purchase for one file (or album) in one format. */
    record Charge(String entitlementId, String itemId, String format, long size, int limit, long requestedBytes, Instant at) {
    }

    private final Jdbi jdbi;
    private final Duration resumeWindow;

    Allowances(Jdbi jdbi, Duration resumeWindow) {
        this.jdbi = jdbi;
        this.resumeWindow = resumeWindow;
    }

    Duration resumeWindow() {
        return resumeWindow;
    }

    /** The rule itself, apart from storage. */
    static Outcome decide(Optional<Window> window, int downloads, Charge charge) {
        boolean open = window.isPresent() && charge.at().isBefore(window.get().openUntil());
        if (open && window.get().chargedBytes() + charge.requestedBytes() <= 2 * charge.size()) {
            return Outcome.FREE;
        }
        return downloads < charge.limit() ? Outcome.NEW_DOWNLOAD : Outcome.SPENT;
    }

    /** Decides and records the request atomically. */
    Outcome charge(Charge c) {
        ensureCountRow(c);
        return jdbi.inTransaction(h -> {
            AllowanceDao dao = h.attach(AllowanceDao.class);
            int downloads = dao.lockCount(c.entitlementId(), c.itemId()).orElseThrow();
            Optional<Window> window = dao.window(c.entitlementId(), c.itemId(), c.format());
            Outcome outcome = decide(window, downloads, c);
            switch (outcome) {
                case FREE -> dao.charge(c.entitlementId(), c.itemId(), c.format(), c.requestedBytes());
                case NEW_DOWNLOAD -> {
                    dao.addDownload(c.entitlementId(), c.itemId());
                    Instant until = c.at().plus(resumeWindow);
                    // The opening request is the download itself; the window's charges are what comes after it.
                    if (window.isEmpty()) {
                        dao.open(c.entitlementId(), c.itemId(), c.format(), c.at(), until, 0);
                    } else {
                        dao.reopen(c.entitlementId(), c.itemId(), c.format(), c.at(), until, 0);
                    }
                }
                case SPENT -> { }
            }
            return outcome;
        });
    }

    /** The count row is made outside the decision's transaction: a lost insert race must not abort it. */
    private void ensureCountRow(Charge c) {
        AllowanceDao dao = jdbi.onDemand(AllowanceDao.class);
        if (dao.downloads(c.entitlementId(), c.itemId()).isPresent()) {
            return;
        }
        try {
            dao.insertCount(c.entitlementId(), c.itemId());
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e) || dao.downloads(c.entitlementId(), c.itemId()).isEmpty()) {
                throw e;
            }
        }
    }
}
