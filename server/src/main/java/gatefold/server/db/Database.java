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
    /** False when this process reached the file through another's port: closing must not shut that one's database. */
    private final boolean ownsFile;

    private Database(HikariDataSource dataSource, Jdbi jdbi, boolean ownsFile) {
        this.dataSource = dataSource;
        this.jdbi = jdbi;
        this.ownsFile = ownsFile;
    }

    /** The store's database; an embedded file is opened shared, so the operator's commands can reach it while this runs. */
    public static Database open(Config config) {
        return open(SharedH2.shared(config.dbUrl()), config.dbUser(), config.dbPassword(), config.isEmbeddedDatabase() ? config.dataDir() : null);
    }

    static {
        SharedH2.loopbackOnly();
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
        if (embeddedDir != null && SharedH2.isRemote(first)) {
            // AUTO_SERVER would let a second store run on another's file through its port: one store per file.
            closeQuietly(first);
            throw new ConfigException(inUse(url, embeddedDir), SharedH2.inUseFailure(url));
        }
        SharedH2.ownerOnly(url);
        HikariDataSource dataSource;
        try {
            dataSource = pool(url, user, password, 16);
        } finally {
            // Closed only now: embedded H2 closes its file with the last connection, and opening it twice costs time.
            closeQuietly(first);
        }
        // Setting up Jdbi needs no tables and costs about as much as the migrations, so it runs beside them.
        CompletableFuture<Jdbi> jdbi = CompletableFuture.supplyAsync(() -> jdbiOn(dataSource),
                task -> new Thread(task, "gatefold-jdbi").start());
        try {
            Migrations.migrate(dataSource);
        } catch (Migrations.MigrationException e) {
            dataSource.close();
            throw new ConfigException("GATEFOLD_DB_URL: the database could not be migrated (" + firstLine(e.getMessage())
                    + "); restore a backup or point GATEFOLD_DB_URL at a Gatefold database");
        }
        return new Database(dataSource, jdbi.join(), true);
    }

    /**
     * The embedded database a running Gatefold has open, reached through its AUTO_SERVER port
     * ({@link SharedH2}). No migrations: the running server's schema is the one to use. Throws the
     * driver's exception when the file is held without AUTO_SERVER, and one with the code
     * {@link SharedH2#NOT_RUNNING} when no process holds it any more.
     */
    public static Database joinRunning(String url, String user, String password) throws SQLException {
        try (Connection first = DriverManager.getConnection(SharedH2.shared(url), user, password)) {
            if (!SharedH2.isRemote(first)) {
                // The server stopped in between and this process opened the file itself: it must hold it alone instead.
                throw new SQLException("the running store stopped", "08003", SharedH2.NOT_RUNNING);
            }
        }
        HikariDataSource dataSource = pool(SharedH2.shared(url), user, password, 4);
        return new Database(dataSource, jdbiOn(dataSource), false);
    }

    private static HikariDataSource pool(String url, String user, String password, int size) {
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(size);
        hikari.setPoolName("gatefold-db");
        hikari.setConnectionTimeout(10_000);
        return new HikariDataSource(hikari);
    }

    private static Jdbi jdbiOn(DataSource dataSource) {
        Jdbi made = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
        NamedEnums.install(made);
        return made;
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
        if (ownsFile && dataSource.getJdbcUrl().startsWith("jdbc:h2:")) {
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
