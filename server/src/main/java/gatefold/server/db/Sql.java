package gatefold.server.db;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * What a database failure means, on PostgreSQL and on H2 alike, so a service can tell a lost
 * race ("that slug is taken") from a database that is down (503, try again). Both look through
 * the wrappers around the SQL exception: Jdbi's, the pool's, and chained next-exceptions.
 */
public final class Sql {

    /** H2's own codes: its SQLStates for these are its error numbers, not the standard classes. */
    private static final int H2_DUPLICATE_KEY = 23505;
    private static final int H2_FILE_IN_USE = 90020;
    private static final Set<Integer> H2_UNAVAILABLE = Set.of(
            H2_FILE_IN_USE, // DATABASE_ALREADY_OPEN_1
            90067, // CONNECTION_BROKEN_1
            90098, // DATABASE_IS_CLOSED
            90121, // DATABASE_CALLED_AT_SHUTDOWN
            90135, // DATABASE_IS_IN_EXCLUSIVE_MODE
            50200); // LOCK_TIMEOUT_1

    private Sql() {
    }

    /** True when a row was refused because it would duplicate a unique key or primary key (SQLState 23505). */
    public static boolean isUniqueViolation(Throwable failure) {
        for (SQLException e : sqlExceptions(failure)) {
            if ("23505".equals(e.getSQLState()) || (isH2(e) && e.getErrorCode() == H2_DUPLICATE_KEY)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the database could not be reached or could not answer in time: the connection
     * failed or was cut (SQLState class 08), the server is shutting down or starting (57P01,
     * 57P02, 57P03), out of connections or resources (class 53), a statement or lock wait timed
     * out (57014, 55P03, HYT00), the pool had no connection to give, or H2's file is closed or held.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (SQLException e : sqlExceptions(failure)) {
            if (e instanceof SQLTransientConnectionException || e instanceof SQLTimeoutException) {
                return true;
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("08") || state.startsWith("53") || state.startsWith("HYT")
                    || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("57014")
                    || state.equals("55P03")) {
                return true;
            }
            if (isH2(e) && H2_UNAVAILABLE.contains(e.getErrorCode())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure in one short line for a log: the SQLState and the database's first line, never
     * the statement or its values (H2 appends the statement to its messages; Jdbi adds the values).
     */
    public static String describe(Throwable failure) {
        List<SQLException> found = sqlExceptions(failure);
        if (found.isEmpty()) {
            return failure.getClass().getSimpleName();
        }
        SQLException deepest = found.get(found.size() - 1);
        String message = deepest.getMessage() == null ? "" : deepest.getMessage();
        int cut = message.length();
        for (String end : new String[] {"\n", "; SQL statement:"}) {
            int at = message.indexOf(end);
            if (at >= 0 && at < cut) {
                cut = at;
            }
        }
        String line = message.substring(0, Math.min(cut, 200)).strip();
        return "SQLState " + deepest.getSQLState() + (line.isEmpty() ? "" : ": " + line);
    }

    /** True when H2 could not open its file because another process has it open. */
    static boolean isEmbeddedFileInUse(Throwable failure) {
        for (SQLException e : sqlExceptions(failure)) {
            if (isH2(e) && e.getErrorCode() == H2_FILE_IN_USE) {
                return true;
            }
        }
        return false;
    }

    private static boolean isH2(SQLException e) {
        return e.getClass().getName().startsWith("org.h2.");
    }

    /** Every SQL exception among the causes, suppressed and next-exceptions, each once. */
    private static List<SQLException> sqlExceptions(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<SQLException> found = new ArrayList<>();
        collect(failure, seen, found, 0);
        return found;
    }

    private static void collect(Throwable t, Set<Throwable> seen, List<SQLException> found, int depth) {
        if (t == null || depth > 50 || !seen.add(t)) {
            return;
        }
        if (t instanceof SQLException sql) {
            found.add(sql);
            collect(sql.getNextException(), seen, found, depth + 1);
        }
        collect(t.getCause(), seen, found, depth + 1);
        for (Throwable suppressed : t.getSuppressed()) {
            collect(suppressed, seen, found, depth + 1);
        }
    }
}
