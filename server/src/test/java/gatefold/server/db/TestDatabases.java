package gatefold.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fresh, migrated databases for data-access and service tests: an embedded H2 in
 * PostgreSQL mode, and a real PostgreSQL (started once per test JVM, a new database per
 * call). Tests of rules that must hold on both run against {@link #both()}.
 *
 * <p>Close what you open: each open {@link Database} keeps a pool of up to 16 connections, and
 * the shared PostgreSQL accepts 500 in all.
 */
public final class TestDatabases {

    /** Which database a parameterised test runs on. */
    public enum Kind { H2, POSTGRES }

    private static PostgresServer shared;
    private static RuntimeException startFailure;

    private TestDatabases() {
    }

    /** A new H2 database in a temporary directory, migrated. */
    public static Database h2() {
        try {
            Path dir = Files.createTempDirectory("gatefold-h2");
            String url = "jdbc:h2:file:" + dir.resolve("db/gatefold")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            return Database.open(url, "sa", "", dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new database on the shared PostgreSQL server, migrated. */
    public static Database postgres() {
        return sharedPostgres().newMigratedDatabase().open();
    }

    /**
     * A new, empty database on the shared PostgreSQL server, for a server the test starts
     * itself (in process or as a child process), which migrates it as it starts.
     */
    public static DatabaseAddress postgresUrl() {
        return sharedPostgres().newDatabase();
    }

    /**
     * The PostgreSQL server every test in this JVM shares, started at first use and stopped when
     * the JVM exits. A test that must stop PostgreSQL starts its own {@link PostgresServer}.
     */
    public static synchronized PostgresServer sharedPostgres() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException("PostgreSQL for tests could not start (see the first failure): "
                    + startFailure.getMessage(), startFailure);
        }
        long started = System.nanoTime();
        try {
            shared = PostgresServer.start();
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(shared::closeAtExit, "gatefold-postgres-stop"));
        System.out.printf("PostgreSQL for tests: ready on port %d in %d ms%n", shared.port(), (System.nanoTime() - started) / 1_000_000);
        return shared;
    }

    public static Database open(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    /** Both kinds, for {@code @EnumSource} or {@code @MethodSource} parameters. */
    public static Kind[] both() {
        return Kind.values();
    }

    /** A published free release of one artist ("art_1", made on first use), as rows: for service tests on a bare database. */
    public static void release(org.jdbi.v3.core.Jdbi jdbi, String id) {
        java.time.Instant now = java.time.Instant.now();
        jdbi.useHandle(h -> {
            h.createUpdate("""
                    INSERT INTO artists (id, slug, name, email, created_at) SELECT 'art_1', 'band', 'Band', 'band@example.com', :now
                    WHERE NOT EXISTS (SELECT 1 FROM artists WHERE id = 'art_1')""").bind("now", now).execute();
            h.createUpdate("""
                    INSERT INTO releases (id, artist_id, slug, title, kind, pricing, currency, status, licence, created_at, updated_at)
                    VALUES (:id, 'art_1', :id, 'Title', 'music', 'free', 'EUR', 'published', 'all-rights-reserved', :now, :now)""")
                    .bind("id", id).bind("now", now).execute();
        });
    }
}
