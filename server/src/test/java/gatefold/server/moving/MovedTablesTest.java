package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every table of the schema is either carried by an export or left behind for a stated reason:
 * a feature that adds a table must say which, or an artist who moves would silently lose it.
 */
class MovedTablesTest {

    @Test
    void everyTableIsMovedOrLeftBehindOnPurpose() {
        try (Database db = TestDatabases.h2()) {
            List<String> tables = db.jdbi().withHandle(h -> h.createQuery("""
                    SELECT table_name FROM information_schema.tables
                    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'""").mapTo(String.class).list())
                    .stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
            assertThat(tables).contains("artists", "purchases", "followers");

            Set<String> moved = MovedTables.TABLES.stream().map(MovedTables.Table::name).collect(Collectors.toSet());
            Set<String> decided = new HashSet<>(moved);
            decided.addAll(MovedTables.LEFT_BEHIND.keySet());
            assertThat(tables).as("tables neither moved nor left behind on purpose (MovedTables)")
                    .allMatch(decided::contains);
            assertThat(moved).as("a table cannot be both moved and left behind")
                    .doesNotContainAnyElementsOf(MovedTables.LEFT_BEHIND.keySet());
            assertThat(decided).as("names in MovedTables that the schema does not have").allMatch(tables::contains);
        }
    }
}
