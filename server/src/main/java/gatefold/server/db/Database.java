package gatefold.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import gatefold.server.config.Config;
import gatefold.server.config.ConfigException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The connection pool, the migrations and Jdbi. The same migrations run on H2 (in
 * PostgreSQL mode) and on PostgreSQL.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource, Jdbi jdbi) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
    }

    public static Database open(Config config) {
        return open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.isEmbeddedDatabase() ? config.dataDir() : null);
    }

    static {
        DriverManager.setLoginTimeout(10);
    }

    public static Database open(String url, String user, String password, Path embeddedDir) {
        if (embeddedDir != null) {
            try {
                Files.createDirectories(embeddedDir.resolve("db"));
            } catch (Exception e) {
                throw new ConfigException("GATEFOLD_DATA_DIR=" + embeddedDir + " cannot be created (" + e.getMessage()
                        + "); point it at a writable directory");
            }
        }
        // Connect once, before the pool, so a bad URL or password stops the start at once with a clear line.
        Connection first;
        try {
            first = DriverManager.getConnection(url, user, password);
        } catch (SQLException | RuntimeException e) {
            if (embeddedDir != null && Sql.isEmbeddedFileInUse(e)) {
                throw new ConfigException(inUse(url, embeddedDir), e);
            }
            throw new ConfigException("GATEFOLD_DB_URL: cannot connect to the database (" + rootMessage(e)
                    + "); check GATEFOLD_DB_URL, GATEFOLD_DB_USER and GATEFOLD_DB_PASSWORD, or unset them for the embedded database");
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(16);
        hikari.setPoolName("gatefold-db");
        hikari.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(hikari);
        } finally {
            // Closed only now: embedded H2 closes its file with the last connection, and opening it twice costs time.
            closeQuietly(first);
        }
        // Setting up Jdbi needs no tables and costs about as much as the migrations, so it runs beside them.
        CompletableFuture<Jdbi> jdbi = CompletableFuture.supplyAsync(
                () -> {
                    Jdbi made = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
                    NamedEnums.install(made);
                    return made;
                }, task -> new Thread(task, "gatefold-jdbi").start());
        try {
            Migrations.migrate(dataSource);
        } catch (Migrations.MigrationException e) {
            dataSource.close();
            throw new ConfigException("GATEFOLD_DB_URL: the database could not be migrated (" + firstLine(e.getMessage())
                    + "); restore a backup or point GATEFOLD_DB_URL at a Gatefold database");
        }
        return new Database(dataSource, jdbi.join());
    }

    /** Another process (a second Gatefold on the same data dir) has the H2 file open; H2 allows only one. */
    private static String inUse(String url, Path embeddedDir) {
        String base = url.substring(0, url.contains(";") ? url.indexOf(';') : url.length());
        OptionalLong pid = base.startsWith("jdbc:h2:file:")
                ? FileLockHolder.of(Path.of(base.substring("jdbc:h2:file:".length()) + ".mv.db"))
                : OptionalLong.empty();
        return "the embedded database in " + embeddedDir + " is in use by another Gatefold process"
                + (pid.isPresent() ? " (PID " + pid.getAsLong() + ")" : "") + "; stop it or use another GATEFOLD_DATA_DIR";
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Only the first check's connection; the pool has its own.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return firstLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** The pool itself, for the one query on a fan's every click that is kept to plain JDBC. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Reports the pool to the metrics: connections in use, waiting, and how long they are waited for and held. */
    public void reportTo(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /** True when a trivial query answers within a couple of seconds. */
    public boolean isReady() {
        try (Connection c = dataSource.getConnection()) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (dataSource.getJdbcUrl().startsWith("jdbc:h2:")) {
            // Closes the H2 file cleanly (compacts and releases the lock) before the pool goes.
            try (Connection c = dataSource.getConnection()) {
                c.createStatement().execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // Already closed; nothing to flush.
            }
        }
        dataSource.close();
    }
}
