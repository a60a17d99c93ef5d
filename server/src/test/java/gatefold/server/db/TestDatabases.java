package gatefold.server.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Fresh, migrated databases for data-access and service tests: an embedded H2 in
 * PostgreSQL mode, and a real PostgreSQL (started once per test run, a new database per
 * call). Tests of rules that must hold on both run against {@link #both()}.
 */
public final class TestDatabases {

    /** Which database a parameterised test runs on. */
    public enum Kind { H2, POSTGRES }

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
        throw new UnsupportedOperationException("PostgreSQL for tests is being added");
    }

    public static Database open(Kind kind) {
        return kind == Kind.H2 ? h2() : postgres();
    }

    /** Both kinds, for {@code @EnumSource} or {@code @MethodSource} parameters. */
    public static Kind[] both() {
        return Kind.values();
    }
}
