package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PostgreSQL the tests use is real, version 17, never root, and gives each caller its own database. */
class PostgresForTestsTest {

    @Test
    void eachCallGetsItsOwnMigratedDatabaseOnPostgres17() {
        long t0 = System.nanoTime();
        try (Database a = TestDatabases.postgres()) {
            long t1 = System.nanoTime();
            try (Database b = TestDatabases.postgres()) {
                long t2 = System.nanoTime();
                System.out.printf("first postgres(): %d ms, second: %d ms%n", (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
                for (int i = 0; i < 5; i++) {
                    long s = System.nanoTime();
                    TestDatabases.postgres().close();
                    System.out.printf("postgres(): %d ms%n", (System.nanoTime() - s) / 1_000_000);
                }
                for (int i = 0; i < 3; i++) {
                    long s = System.nanoTime();
                    TestDatabases.postgresUrl();
                    System.out.printf("postgresUrl(): %d ms%n", (System.nanoTime() - s) / 1_000_000);
                }
                String version = a.jdbi().withHandle(h -> h.createQuery("SHOW server_version").mapTo(String.class).one());
                assertThat(version).startsWith("17.");
                a.jdbi().useHandle(h -> h.execute("INSERT INTO instance_settings (name, setting_value, created_at) VALUES ('x', 'y', now())"));
                int count = b.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM instance_settings").mapTo(Integer.class).one());
                assertThat(count).isZero();
                List<String> names = List.of(a, b).stream().map(d -> d.jdbi().withHandle(h -> h.createQuery("SELECT current_database()").mapTo(String.class).one())).toList();
                assertThat(names.get(0)).isNotEqualTo(names.get(1));
            }
        }
    }
}
