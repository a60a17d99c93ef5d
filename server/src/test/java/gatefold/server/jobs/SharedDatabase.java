package gatefold.server.jobs;

import com.zaxxer.hikari.HikariDataSource;
import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import java.sql.SQLException;
import java.util.List;
import org.h2.tools.Server;

/**
 * One migrated database that several queue instances share: {@link #open} gives another
 * connection pool on it (another instance in this JVM), {@link #forChildProcess} the URL,
 * user and password a child JVM uses. H2 is reached from a child through a TCP server
 * in this JVM that serves the same open database.
 */
final class SharedDatabase implements AutoCloseable {

    private final Database first;
    private final HikariDataSource pool;
    private final boolean h2;
    private Server tcp;

    private SharedDatabase(Database first) {
        this.first = first;
        this.pool = (HikariDataSource) first.dataSource();
        this.h2 = pool.getJdbcUrl().startsWith("jdbc:h2:");
    }

    static SharedDatabase h2() {
        return new SharedDatabase(TestDatabases.h2());
    }

    /** Shares a database opened elsewhere (a fixture of its own); closing this closes it. */
    static SharedDatabase of(Database first) {
        return new SharedDatabase(first);
    }

    static SharedDatabase postgres() {
        return new SharedDatabase(TestDatabases.postgres());
    }

    Database open() {
        return Database.open(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(), null);
    }

    synchronized List<String> forChildProcess() {
        if (!h2) {
            return List.of(pool.getJdbcUrl(), pool.getUsername(), nullToEmpty(pool.getPassword()));
        }
        String url = pool.getJdbcUrl();
        String file = url.substring("jdbc:h2:file:".length(), url.indexOf(';'));
        try {
            if (tcp == null) {
                tcp = Server.createTcpServer("-tcpPort", "0", "-ifExists").start();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return List.of("jdbc:h2:tcp://127.0.0.1:" + tcp.getPort() + "/" + file + url.substring(url.indexOf(';')),
                pool.getUsername(), nullToEmpty(pool.getPassword()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public synchronized void close() {
        if (tcp != null) {
            tcp.stop();
        }
        first.close();
    }
}
