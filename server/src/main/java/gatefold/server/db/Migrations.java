package gatefold.server.db;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.CRC32;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database schema up to date from the SQL scripts in {@code db/migration}, in
 * version order, each once. The history is kept in Flyway's table and format
 * ({@code flyway_schema_history}, same columns and checksums), so databases made by
 * earlier Gatefold versions carry on, and Flyway's own tools can still read and validate
 * one. Flyway itself took about half a second of every cold start to do the same.
 *
 * <p>A script changed after it ran, or a failed one in the history, stops the start with a
 * clear message. Versions newer than this build knows are left alone (an instance of the
 * previous release restarting during a rolling upgrade). On PostgreSQL, instances starting
 * together take turns through an advisory lock, and each script runs in one transaction.
 */
public final class Migrations {

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    static final String LOCATION = "db/migration/";

    /** Every script, oldest first. {@code MigrationsTest} checks this against the directory. */
    static final List<String> SCRIPTS = List.of(
            "V1__foundation.sql",
            "V2__artists_and_catalog.sql",
            "V3__sales_and_delivery.sql",
            "V4__checkout.sql",
            "V5__discount_codes.sql",
            "V6__mail_outbox.sql",
            "V7__library_and_codes.sql",
            "V8__payments_webhooks.sql",
            "V9__seller_webhooks.sql",
            "V10__artist_sessions.sql",
            "V11__download_log_repeats.sql",
            "V12__completed_uploads.sql",
            "V13__download_windows.sql",
            "V14__jobs.sql",
            "V15__limits_and_signin_links.sql",
            "V16__quota_and_discount_holds.sql",
            "V17__media.sql",
            "V18__fan_preferences.sql",
            "V19__invoices.sql",
            "V20__provider_events_handled.sql",
            "V21__book_stamps.sql",
            "V22__listening.sql",
            "V23__audience.sql",
            "V25__recurring_jobs.sql",
            "V26__film_subtitles_and_trailers.sql",
            "V27__files_available_now.sql",
            "V28__fan_data.sql",
            "V29__artist_exports.sql");

    private static final String HISTORY = "\"flyway_schema_history\"";
    static final long POSTGRES_LOCK = 0x6761_7465_666f_6c64L; // "gatefold"

    /** Why the schema could not be brought up to date. */
    public static final class MigrationException extends RuntimeException {
        MigrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One script as shipped: its version, the name Flyway would give it, its text and checksum. */
    record Script(int version, String file, String description, String sql, int checksum) {
        static Script load(String file) {
            int separator = file.indexOf("__");
            int version = Integer.parseInt(file.substring(1, separator));
            String description = file.substring(separator + 2, file.length() - ".sql".length()).replace('_', ' ');
            String sql = read(file);
            return new Script(version, file, description, sql, Migrations.checksum(sql));
        }
    }

    private record Applied(int rank, int version, Integer checksum, boolean success) {
    }

    private Migrations() {
    }

    /** Applies what is missing and returns how many scripts ran. */
    public static int migrate(DataSource database) {
        return migrate(database, SCRIPTS.stream().map(Script::load).toList());
    }

    static int migrate(DataSource database, List<Script> scripts) {
        try (Connection connection = database.getConnection()) {
            boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
            if (postgres) {
                execute(connection, "SELECT pg_advisory_lock(" + POSTGRES_LOCK + ")");
            }
            try {
                return migrate(connection, scripts, postgres);
            } finally {
                if (postgres) {
                    execute(connection, "SELECT pg_advisory_unlock(" + POSTGRES_LOCK + ")");
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(e.getMessage(), e);
        }
    }

    private static int migrate(Connection connection, List<Script> scripts, boolean postgres) throws SQLException {
        createHistory(connection, postgres);
        TreeMap<Integer, Applied> applied = applied(connection);
        for (Applied a : applied.values()) {
            if (!a.success()) {
                throw new MigrationException("migration V" + a.version() + " failed earlier and left the schema half-changed;"
                        + " repair the database by hand or restore a backup", null);
            }
        }
        int nextRank = lastRank(connection) + 1;
        int ran = 0;
        for (Script script : scripts) {
            Applied done = applied.get(script.version());
            if (done != null) {
                if (done.checksum() != null && done.checksum() != script.checksum()) {
                    throw new MigrationException("migration " + script.file() + " was changed after it ran on this database"
                            + " (checksum " + done.checksum() + " there, " + script.checksum() + " here)", null);
                }
                continue;
            }
            apply(connection, script, nextRank++);
            ran++;
        }
        if (ran > 0) {
            LOG.info("database: applied {} migration(s), schema now at V{}", ran, scripts.get(scripts.size() - 1).version());
        }
        int newest = applied.isEmpty() ? 0 : applied.lastKey();
        if (newest > scripts.get(scripts.size() - 1).version()) {
            LOG.warn("the database has migrations up to V{}, newer than this Gatefold knows; starting anyway", newest);
        }
        return ran;
    }

    private static void createHistory(Connection connection, boolean postgres) throws SQLException {
        execute(connection, "CREATE TABLE IF NOT EXISTS " + HISTORY + " ("
                + "\"installed_rank\" INT NOT NULL, \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL,"
                + " \"type\" VARCHAR(20) NOT NULL, \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT,"
                + " \"installed_by\" VARCHAR(100) NOT NULL, \"installed_on\" TIMESTAMP NOT NULL DEFAULT "
                + (postgres ? "now()" : "CURRENT_TIMESTAMP") + ","
                + " \"execution_time\" INT NOT NULL, \"success\" BOOLEAN NOT NULL,"
                + " CONSTRAINT \"flyway_schema_history_pk\" PRIMARY KEY (\"installed_rank\"))");
        execute(connection, "CREATE INDEX IF NOT EXISTS \"flyway_schema_history_s_idx\" ON " + HISTORY + " (\"success\")");
    }

    /** Flyway may have put rows without a version (a schema marker) in the history; ranks count those too. */
    private static int lastRank(Connection connection) throws SQLException {
        try (Statement query = connection.createStatement();
             ResultSet rs = query.executeQuery("SELECT MAX(\"installed_rank\") FROM " + HISTORY)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    private static TreeMap<Integer, Applied> applied(Connection connection) throws SQLException {
        TreeMap<Integer, Applied> applied = new TreeMap<>();
        try (Statement query = connection.createStatement(); ResultSet rs = query.executeQuery(
                "SELECT \"installed_rank\", \"version\", \"checksum\", \"success\" FROM " + HISTORY)) {
            while (rs.next()) {
                String version = rs.getString(2);
                if (version == null) {
                    continue; // Repeatable migrations and schema markers have no version; Gatefold has neither.
                }
                Object checksum = rs.getObject(3);
                applied.put(Integer.parseInt(version), new Applied(rs.getInt(1), Integer.parseInt(version),
                        checksum == null ? null : ((Number) checksum).intValue(), rs.getBoolean(4)));
            }
        }
        return applied;
    }

    private static void apply(Connection connection, Script script, int rank) throws SQLException {
        long started = System.nanoTime();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                for (String sql : SqlScript.statements(script.sql())) {
                    statement.execute(sql);
                }
            }
            record(connection, script, rank, (int) ((System.nanoTime() - started) / 1_000_000));
            connection.commit();
            LOG.debug("database: applied {}", script.file());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw new MigrationException("migration " + script.file() + " failed: " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static void record(Connection connection, Script script, int rank, int millis) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + HISTORY
                + " (\"installed_rank\", \"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\","
                + " \"installed_on\", \"execution_time\", \"success\") VALUES (?, ?, ?, 'SQL', ?, ?, ?, ?, ?, TRUE)")) {
            insert.setInt(1, rank);
            insert.setString(2, Integer.toString(script.version()));
            insert.setString(3, script.description());
            insert.setString(4, script.file());
            insert.setInt(5, script.checksum());
            String user = connection.getMetaData().getUserName();
            insert.setString(6, user == null || user.isEmpty() ? "gatefold" : user);
            insert.setTimestamp(7, Timestamp.from(Instant.now()));
            insert.setInt(8, millis);
            insert.executeUpdate();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(LOCATION + file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flyway's checksum: a CRC-32 of the script's lines, without line endings or a byte-order mark. */
    static int checksum(String sql) {
        CRC32 crc = new CRC32();
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(sql))) {
            String line;
            boolean first = true;
            while ((line = lines.readLine()) != null) {
                if (first && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                first = false;
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (int) crc.getValue();
    }
}
