package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;

/** The PostgreSQL the tests use is a real 17, never runs as root, and gives each caller a database of its own. */
class PostgresForTestsTest {

    private static String one(Database db, String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }

    @Test
    void theSharedServerIsPostgres17RunningAsAnOrdinaryUser() throws Exception {
        try (Database db = TestDatabases.postgres()) {
            assertThat(one(db, "SHOW server_version")).startsWith("17.");
            String backend = one(db, "SELECT pg_backend_pid()");
            String uid = Files.readAllLines(Path.of("/proc/" + backend + "/status")).stream()
                    .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1];
            assertThat(uid).isNotEqualTo("0");
            if (RunAs.isRoot()) {
                assertThat(Integer.parseInt(uid)).isEqualTo(RunAs.forThisProcess().uid());
            }
        }
    }

    @Test
    void eachCallGetsItsOwnMigratedDatabase() {
        try (Database a = TestDatabases.postgres(); Database b = TestDatabases.postgres()) {
            assertThat(one(a, "SELECT current_database()")).isNotEqualTo(one(b, "SELECT current_database()"));
            for (Database db : new Database[] {a, b}) {
                assertThat(one(db, "SELECT COUNT(*) FROM \"flyway_schema_history\"")).isEqualTo(Integer.toString(Migrations.SCRIPTS.size()));
            }
            a.jdbi().useHandle(h -> h.execute("INSERT INTO instance_settings (name, setting_value, created_at) VALUES ('x', 'y', now())"));
            assertThat(one(b, "SELECT COUNT(*) FROM instance_settings")).isEqualTo("0");
        }
        long started = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            TestDatabases.postgres().close();
        }
        System.out.printf("PostgreSQL for tests: a migrated database in %d ms on average%n", (System.nanoTime() - started) / 5_000_000);
    }

    @Test
    void anAddressIsForAnEmptyDatabaseThatAServerMigratesItself() {
        DatabaseAddress address = TestDatabases.postgresUrl();
        assertThat(address.settings()).containsOnlyKeys("GATEFOLD_DB_URL", "GATEFOLD_DB_USER", "GATEFOLD_DB_PASSWORD");
        int tables = Jdbi.create(address.url(), address.user(), address.password())
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").mapTo(Integer.class).one());
        assertThat(tables).isZero();
        try (Database db = address.open()) {
            assertThat(one(db, "SELECT COUNT(*) FROM \"flyway_schema_history\"")).isEqualTo(Integer.toString(Migrations.SCRIPTS.size()));
        }
    }
}
