package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema runner: every script once and in order, in Flyway's history format, refusing what it must. */
class MigrationsTest {

    @TempDir
    Path dir;

    private JdbcDataSource h2(String name) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + dir.resolve(name) + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        ds.setUser("sa");
        return ds;
    }

    private static Flyway flyway(JdbcDataSource ds, String target) {
        return Flyway.configure().dataSource(ds).locations("classpath:db/migration").target(target).load();
    }

    private static List<String> column(JdbcDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The scripts as shipped, in a list a test may add to. */
    private static List<Migrations.Script> shipped() {
        return new ArrayList<>(Migrations.SCRIPTS.stream().map(Migrations.Script::load).toList());
    }

    @Test
    void everyScriptInTheDirectoryIsListedInOrder() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            List<String> onDisk = files.map(p -> p.getFileName().toString())
                    .sorted(java.util.Comparator.comparingInt(f -> Integer.parseInt(f.substring(1, f.indexOf("__"))))).toList();
            assertThat(Migrations.SCRIPTS).isEqualTo(onDisk);
        }
    }

    @Test
    void aFreshDatabaseGetsEveryScriptOnceAndAHistoryFlywayAccepts() throws Exception {
        JdbcDataSource ds = h2("fresh");
        assertThat(Migrations.migrate(ds)).isEqualTo(Migrations.SCRIPTS.size());
        assertThat(Migrations.migrate(ds)).isZero();
        assertThat(column(ds, "SELECT \"script\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\""))
                .isEqualTo(Migrations.SCRIPTS);
        assertThat(column(ds, "SELECT COUNT(*) FROM download_log")).containsExactly("0");
        // Flyway itself finds every migration applied, with matching checksums.
        flyway(ds, "latest").validate();
        assertThat(flyway(ds, "latest").info().pending()).isEmpty();
    }

    @Test
    void aDatabaseMadeByFlywayCarriesOnWithOnlyTheNewScripts() throws Exception {
        JdbcDataSource ds = h2("older");
        flyway(ds, "10").migrate();
        assertThat(Migrations.migrate(ds)).isEqualTo(Migrations.SCRIPTS.size() - 10);
        assertThat(column(ds, "SELECT \"installed_rank\" || ':' || \"version\" || ':' || \"description\""
                + " FROM \"flyway_schema_history\" WHERE \"version\" = '11'")).containsExactly("11:11:download log repeats");
        flyway(ds, "latest").validate();
    }

    @Test
    void theChecksumIsFlywaysOwn() throws Exception {
        JdbcDataSource ds = h2("checksums");
        flyway(ds, "latest").migrate();
        List<String> flywaySums = column(ds, "SELECT \"checksum\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                + " ORDER BY \"installed_rank\"");
        List<String> ours = Migrations.SCRIPTS.stream().map(f -> Integer.toString(Migrations.Script.load(f).checksum())).toList();
        assertThat(ours).isEqualTo(flywaySums);
        assertThat(Migrations.checksum("\uFEFFa\r\nb\n")).isEqualTo(Migrations.checksum("a\nb"));
    }

    @Test
    void aScriptChangedAfterItRanStopsTheStart() {
        JdbcDataSource ds = h2("changed");
        Migrations.migrate(ds);
        List<Migrations.Script> scripts = shipped();
        Migrations.Script v2 = scripts.get(1);
        scripts.set(1, new Migrations.Script(2, v2.file(), v2.description(), v2.sql() + "\n-- edited", v2.checksum() + 1));
        assertThatThrownBy(() -> Migrations.migrate(ds, scripts))
                .isInstanceOf(Migrations.MigrationException.class).hasMessageContaining("V2__artists_and_catalog.sql was changed");
    }

    @Test
    void aFailingScriptIsNotRecordedAndSaysWhichOneFailed() throws Exception {
        JdbcDataSource ds = h2("failing");
        List<Migrations.Script> scripts = shipped();
        String broken = "INSERT INTO settings_that_do_not_exist VALUES (1);";
        scripts.add(new Migrations.Script(99, "V99__broken.sql", "broken", broken, Migrations.checksum(broken)));
        assertThatThrownBy(() -> Migrations.migrate(ds, scripts))
                .isInstanceOf(Migrations.MigrationException.class).hasMessageContaining("V99__broken.sql failed");
        assertThat(column(ds, "SELECT COUNT(*) FROM \"flyway_schema_history\" WHERE \"version\" = '99'")).containsExactly("0");
        // Everything before it stays applied.
        assertThat(Migrations.migrate(ds)).isZero();
    }

    @Test
    void newerMigrationsFromALaterReleaseAreLeftAlone() throws Exception {
        JdbcDataSource ds = h2("newer");
        List<Migrations.Script> scripts = shipped();
        String later = "CREATE TABLE later_feature (id INT PRIMARY KEY);";
        scripts.add(new Migrations.Script(1000, "V1000__later_feature.sql", "later feature", later, Migrations.checksum(later)));
        assertThat(Migrations.migrate(ds, scripts)).isEqualTo(Migrations.SCRIPTS.size() + 1);
        assertThat(Migrations.migrate(ds)).isZero();
    }

    @Test
    void scriptsSplitAtTheirOwnSemicolonsOnly() {
        assertThat(SqlScript.statements("""
                -- a comment; with a semicolon
                CREATE TABLE a (v VARCHAR(10) DEFAULT 'x;y', "odd;name" INT); /* block; comment */
                INSERT INTO a (v) VALUES ('it''s; fine');
                CREATE FUNCTION f() RETURNS INT AS $body$ SELECT 1; $body$ LANGUAGE sql;
                """)).containsExactly(
                "CREATE TABLE a (v VARCHAR(10) DEFAULT 'x;y', \"odd;name\" INT)",
                "INSERT INTO a (v) VALUES ('it''s; fine')",
                "CREATE FUNCTION f() RETURNS INT AS $body$ SELECT 1; $body$ LANGUAGE sql");
        assertThatThrownBy(() -> SqlScript.statements("SELECT 'open")).isInstanceOf(IllegalArgumentException.class);
    }
}
