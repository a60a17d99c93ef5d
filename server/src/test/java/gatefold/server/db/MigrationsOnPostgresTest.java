package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The schema runner on a real PostgreSQL: every script once, a history Flyway accepts, instances taking turns. */
class MigrationsOnPostgresTest {

    private static PGSimpleDataSource empty() {
        DatabaseAddress address = TestDatabases.postgresUrl();
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(address.url());
        ds.setUser(address.user());
        ds.setPassword(address.password());
        return ds;
    }

    private static List<String> column(PGSimpleDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    private static Flyway flyway(PGSimpleDataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(target).load();
    }

    @Test
    void aFreshDatabaseGetsEveryScriptOnceAndAHistoryFlywayAccepts() throws Exception {
        PGSimpleDataSource ds = empty();
        assertThat(Migrations.migrate(ds)).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(Migrations.migrate(ds)).isZero();
        assertThat(column(ds, "SELECT \"script\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\""))
                .isEqualTo(Migrations.SCRIPTS);
        assertThat(column(ds, "SELECT COUNT(*) FROM download_log")).containsExactly("0");
        flyway(ds, "latest").validate();
        assertThat(flyway(ds, "latest").info().pending()).isEmpty();
    }

    @Test
    void aDatabaseMadeByFlywayCarriesOnWithOnlyTheNewScripts() throws Exception {
        PGSimpleDataSource ds = empty();
        flyway(ds, "10").migrate();
        assertThat(Migrations.migrate(ds)).isEqualTo(Migrations.SCRIPTS.size() - 10);
        flyway(ds, "latest").validate();
    }

    @Test
    void twoInstancesStartingTogetherTakeTurnsAndOneAppliesEverything() throws Exception {
        PGSimpleDataSource ds = empty();
        // Hold the instances' lock, as a third instance in the middle of migrating would.
        try (Connection holder = DriverManager.getConnection(ds.getUrl(), ds.getUser(), ds.getPassword());
             Statement lock = holder.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + Migrations.POSTGRES_LOCK + ")");
            CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> Migrations.migrate(ds));
            CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> Migrations.migrate(ds));
            Thread.sleep(300);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            assertThat(column(ds, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'flyway_schema_history'")).containsExactly("0");
            lock.execute("SELECT pg_advisory_unlock(" + Migrations.POSTGRES_LOCK + ")");
            List<Integer> applied = List.of(first.get(60, TimeUnit.SECONDS), second.get(60, TimeUnit.SECONDS));
            assertThat(applied).containsExactlyInAnyOrder(Migrations.SCRIPTS.size(), 0);
        }
        assertThat(column(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\"")).containsExactly(Integer.toString(Migrations.SCRIPTS.size()));
    }

    @Test
    void twoServersOpeningAnEmptyDatabaseAtOnceBothStart() throws Exception {
        DatabaseAddress address = TestDatabases.postgresUrl();
        CompletableFuture<Database> a = CompletableFuture.supplyAsync(address::open);
        CompletableFuture<Database> b = CompletableFuture.supplyAsync(address::open);
        try (Database one = a.get(60, TimeUnit.SECONDS); Database two = b.get(60, TimeUnit.SECONDS)) {
            int scripts = one.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM \"flyway_schema_history\"").mapTo(Integer.class).one());
            assertThat(scripts).isEqualTo(Migrations.SCRIPTS.size());
            assertThat(two.isReady()).isTrue();
        }
    }

    @Test
    void aFailingScriptLeavesNothingOfItselfBehind() throws Exception {
        PGSimpleDataSource ds = empty();
        List<Migrations.Script> scripts = new ArrayList<>(Migrations.SCRIPTS.stream().map(Migrations.Script::load).toList());
        String broken = "CREATE TABLE half_made (id INT PRIMARY KEY);\nINSERT INTO settings_that_do_not_exist VALUES (1);";
        scripts.add(new Migrations.Script(99, "V99__broken.sql", "broken", broken, Migrations.checksum(broken)));
        assertThatThrownBy(() -> Migrations.migrate(ds, scripts))
                .isInstanceOf(Migrations.MigrationException.class).hasMessageContaining("V99__broken.sql failed");
        // PostgreSQL runs each script in one transaction, DDL included: the table made before the failure is gone too.
        assertThat(column(ds, "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'half_made'")).containsExactly("0");
        assertThat(column(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '99'")).containsExactly("0");
        assertThat(Migrations.migrate(ds)).isZero();
    }

    @Test
    void aScriptChangedAfterItRanStopsTheStart() throws Exception {
        PGSimpleDataSource ds = empty();
        Migrations.migrate(ds);
        List<Migrations.Script> scripts = new ArrayList<>(Migrations.SCRIPTS.stream().map(Migrations.Script::load).toList());
        Migrations.Script v2 = scripts.get(1);
        scripts.set(1, new Migrations.Script(2, v2.file(), v2.description(), v2.sql() + "\n-- edited", v2.checksum() + 1));
        // Through a pool, whose connection (and session) outlives the attempt, as in a running server.
        HikariConfig config = new HikariConfig();
        config.setDataSource(ds);
        config.setMaximumPoolSize(1);
        try (HikariDataSource pool = new HikariDataSource(config)) {
            assertThatThrownBy(() -> Migrations.migrate(pool, scripts))
                    .isInstanceOf(Migrations.MigrationException.class).hasMessageContaining("V2__artists_and_catalog.sql was changed");
            // The lock was let go on the way out: another instance is not kept waiting.
            assertThat(CompletableFuture.supplyAsync(() -> Migrations.migrate(ds)).get(10, TimeUnit.SECONDS)).isZero();
        }
    }
}
