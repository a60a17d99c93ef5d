package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.net.ConnectException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each failure provoked for real on H2 and PostgreSQL, then read through Jdbi's and the pool's
 * wrappers: a lost race is told apart from a database that is down, and from a plain bug.
 */
class SqlTest {

    private static final String NEW_ARTIST = "INSERT INTO artists (id, slug, name, email, created_at) VALUES (?, ?, 'A', ?, ?)";

    private static Throwable failureOf(Database db, String sql, Object... args) {
        Throwable failure = catchThrowable(() -> db.jdbi().useHandle(h -> h.execute(sql, args)));
        assertThat(failure).as(sql).isNotNull();
        return failure;
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aDuplicateKeyIsAUniqueViolationAndNothingElse(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            db.jdbi().useHandle(h -> h.execute(NEW_ARTIST, "art_1", "same", "a@example.com", Instant.now()));
            Throwable slugTaken = failureOf(db, NEW_ARTIST, "art_2", "same", "b@example.com", Instant.now());
            Throwable idTaken = failureOf(db, NEW_ARTIST, "art_1", "other", "c@example.com", Instant.now());
            for (Throwable duplicate : new Throwable[] {slugTaken, idTaken}) {
                assertThat(Sql.isUniqueViolation(duplicate)).as(duplicate.toString()).isTrue();
                assertThat(Sql.isUnavailable(duplicate)).as(duplicate.toString()).isFalse();
            }
            // A batch reports its failure through the driver's chain of next exceptions.
            Throwable inBatch = catchThrowable(() -> db.jdbi().useHandle(h -> h.prepareBatch(NEW_ARTIST)
                    .bind(0, "art_3").bind(1, "fresh").bind(2, "d@example.com").bind(3, Instant.now()).add()
                    .bind(0, "art_4").bind(1, "fresh").bind(2, "e@example.com").bind(3, Instant.now()).add()
                    .execute()));
            assertThat(Sql.isUniqueViolation(inBatch)).as(String.valueOf(inBatch)).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aFailureIsDescribedInOneLineWithoutTheStatementOrItsValues(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            db.jdbi().useHandle(h -> h.execute(NEW_ARTIST, "art_1", "same", "first@example.com", Instant.now()));
            Throwable failure = failureOf(db, NEW_ARTIST, "art_2", "same", "secret-fan@example.com", Instant.now());
            assertThat(failure.getMessage()).contains("INSERT"); // What Jdbi's own message carries.
            String line = Sql.describe(failure);
            assertThat(line).startsWith("SQLState 23505: ").doesNotContain("\n").doesNotContainIgnoringCase("insert")
                    .doesNotContain("secret-fan").doesNotContain("art_2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void otherRefusalsAreNeitherARaceNorAnOutage(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Throwable[] failures = {
                failureOf(db, "INSERT INTO artists (id, slug, name, created_at) VALUES ('art_x', 'x', 'X', CURRENT_TIMESTAMP)"),
                failureOf(db, "INSERT INTO api_tokens (id, artist_id, token_hash, label, created_at)"
                        + " VALUES ('tok_1', 'art_missing', 'h', 'l', CURRENT_TIMESTAMP)"),
                failureOf(db, "SELEKT 1"),
                failureOf(db, "SELECT no_such_column FROM artists"),
            };
            for (Throwable failure : failures) {
                assertThat(Sql.isUniqueViolation(failure)).as(failure.toString()).isFalse();
                assertThat(Sql.isUnavailable(failure)).as(failure.toString()).isFalse();
            }
            assertThat(Sql.isUniqueViolation(new IllegalStateException("no SQL at all"))).isFalse();
            assertThat(Sql.isUnavailable(new IllegalStateException("no SQL at all"))).isFalse();
        }
    }

    @Test
    void postgresCuttingOffASessionMakesItUnavailable() throws Exception {
        DatabaseAddress address = TestDatabases.postgresUrl();
        try (Handle handle = Jdbi.create(address.url(), address.user(), address.password()).open();
             Connection admin = DriverManager.getConnection(address.url(), address.user(), address.password())) {
            int pid = handle.createQuery("SELECT pg_backend_pid()").mapTo(Integer.class).one();
            admin.createStatement().execute("SELECT pg_terminate_backend(" + pid + ")");
            Throwable cut = catchThrowable(() -> handle.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(cut).isNotNull();
            assertThat(Sql.isUnavailable(cut)).as(cut.toString()).isTrue();
            assertThat(Sql.isUniqueViolation(cut)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabases.Kind.class)
    void aStatementOrLockWaitThatTimesOutIsUnavailable(TestDatabases.Kind kind) throws Exception {
        try (Database db = TestDatabases.open(kind); Handle holder = db.jdbi().open(); Handle waiter = db.jdbi().open()) {
            holder.execute(NEW_ARTIST, "art_1", "held", "a@example.com", Instant.now());
            holder.begin();
            holder.execute("UPDATE artists SET name = 'Holder' WHERE id = 'art_1'");
            waiter.execute(kind == TestDatabases.Kind.H2 ? "SET LOCK_TIMEOUT 200" : "SET lock_timeout = 200");
            Throwable lockWait = catchThrowable(() -> waiter.execute("UPDATE artists SET name = 'Waiter' WHERE id = 'art_1'"));
            assertThat(Sql.isUnavailable(lockWait)).as(String.valueOf(lockWait)).isTrue();
            holder.rollback();
            if (kind == TestDatabases.Kind.POSTGRES) {
                waiter.execute("SET statement_timeout = 100");
                Throwable slow = catchThrowable(() -> waiter.execute("SELECT pg_sleep(2)"));
                assertThat(Sql.isUnavailable(slow)).as(String.valueOf(slow)).isTrue();
            }
        }
    }

    @Test
    void h2ShutDownUnderAConnectionIsUnavailable() throws Exception {
        try (Database db = TestDatabases.h2()) {
            Handle handle = db.jdbi().open(); // Not closed: its connection dies with the database.
            handle.createQuery("SELECT 1").mapTo(Integer.class).one();
            catchThrowable(() -> db.jdbi().useHandle(other -> other.execute("SHUTDOWN")));
            Throwable closed = catchThrowable(() -> handle.createQuery("SELECT COUNT(*) FROM artists").mapTo(Integer.class).one());
            assertThat(Sql.isUnavailable(closed)).as(String.valueOf(closed)).isTrue();
        }
    }

    @Test
    void aStoppedPostgresIsUnavailableThroughEveryPath() throws Exception {
        try (PostgresServer own = PostgresServer.start()) {
            DatabaseAddress address = own.newDatabase();
            Jdbi direct = Jdbi.create(address.url(), address.user(), address.password());
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(address.url());
            config.setUsername(address.user());
            config.setPassword(address.password());
            config.setConnectionTimeout(250);
            config.setMaximumPoolSize(1);
            try (HikariDataSource pool = new HikariDataSource(config); Handle open = direct.open()) {
                Jdbi pooled = Jdbi.create(pool);
                int answer = pooled.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
                assertThat(answer).isEqualTo(1);
                own.stop();
                Throwable inUse = catchThrowable(() -> open.createQuery("SELECT 1").mapTo(Integer.class).one());
                Throwable refused = catchThrowable(() -> direct.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
                // The pool hands out its connection unchecked (used moments ago), then finds no server to make another.
                Throwable pooledInUse = catchThrowable(() -> pooled.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
                Throwable poolEmpty = catchThrowable(() -> pooled.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()));
                assertThat(poolEmpty).hasRootCauseInstanceOf(ConnectException.class);
                assertThat(causes(poolEmpty)).hasAtLeastOneElementOfType(SQLTransientConnectionException.class);
                for (Throwable down : new Throwable[] {inUse, refused, pooledInUse, poolEmpty}) {
                    assertThat(Sql.isUnavailable(down)).as(String.valueOf(down)).isTrue();
                    assertThat(Sql.isUniqueViolation(down)).isFalse();
                }
            }
        }
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable c = t; c != null && !all.contains(c); c = c.getCause()) {
            all.add(c);
        }
        return all;
    }
}
