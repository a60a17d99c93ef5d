package gatefold.server.faults;

import static org.awaitility.Awaitility.await;

import gatefold.server.db.DatabaseAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The PostgreSQL database a server under test uses, seen from the side: for reading what the
 * server committed, and for holding a lock that makes the server wait at an exact statement,
 * so a test can kill it there rather than hope to hit a moment by timing.
 */
final class ServerDatabase {

    private final DatabaseAddress address;
    private final Jdbi jdbi;

    ServerDatabase(DatabaseAddress address) {
        this.address = address;
        this.jdbi = Jdbi.create(address.url(), address.user(), address.password());
    }

    long count(String sql, Object... args) {
        return jdbi.withHandle(h -> bind(h, sql, args).mapTo(Long.class).one());
    }

    String text(String sql, Object... args) {
        return jdbi.withHandle(h -> bind(h, sql, args).mapTo(String.class).one());
    }

    List<String> strings(String sql, Object... args) {
        return jdbi.withHandle(h -> bind(h, sql, args).mapTo(String.class).list());
    }

    void execute(String sql) {
        jdbi.useHandle(h -> h.execute(sql));
    }

    private static org.jdbi.v3.core.statement.Query bind(Handle h, String sql, Object... args) {
        org.jdbi.v3.core.statement.Query query = h.createQuery(sql);
        for (int i = 0; i < args.length; i++) {
            query.bind(i, args[i]);
        }
        return query;
    }

    /** A transaction of the test's own, kept open (with whatever it locked) until closed. */
    final class Held implements AutoCloseable {
        private final Connection connection;

        private Held(Connection connection) {
            this.connection = connection;
        }

        @Override
        public void close() throws SQLException {
            if (connection.isClosed()) {
                return;
            }
            try {
                connection.rollback();
            } finally {
                connection.close();
            }
        }
    }

    /** Runs the statements (LOCK TABLE, SELECT ... FOR UPDATE) in a transaction that stays open. */
    Held hold(String... statements) throws SQLException {
        Connection connection = DriverManager.getConnection(address.url(), address.user(), address.password());
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return new Held(connection);
    }

    /** Waits until one of the server's connections is stuck behind a lock, in a statement that mentions {@code fragment}. */
    void awaitWaitingOn(String fragment) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> count("""
                SELECT COUNT(*) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND wait_event_type = 'Lock' AND query ILIKE ?""", "%" + fragment + "%") > 0);
    }

    /** Ends the connections stuck behind a lock (as a failover or an administrator does): their statements fail. */
    long cutOffWaiting() {
        return count("""
                SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'""");
    }
}
