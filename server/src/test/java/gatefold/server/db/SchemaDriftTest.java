package gatefold.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The same migrations make the same schema on H2 and on PostgreSQL, so the two never drift apart. */
class SchemaDriftTest {

    @Test
    void h2AndPostgresHaveTheSameSchemaAfterTheMigrations() throws Exception {
        SchemaSnapshot h2;
        SchemaSnapshot postgres;
        try (Database a = TestDatabases.h2(); Database b = TestDatabases.postgres()) {
            h2 = SchemaSnapshot.of(a.dataSource());
            postgres = SchemaSnapshot.of(b.dataSource());
        }
        assertThat(h2.unknownTypes).as("types missing from SchemaTerms.SAME_TYPE").isEmpty();
        assertThat(postgres.unknownTypes).as("types missing from SchemaTerms.SAME_TYPE").isEmpty();
        // Every table the migrations create is there, so an empty read cannot pass.
        for (String table : List.of("artists", "releases", "purchases", "download_log", "flyway_schema_history")) {
            assertThat(h2.lines).contains("table " + table);
        }
        List<String> differences = new ArrayList<>();
        for (String line : only(h2.lines, postgres.lines)) {
            differences.add("only on H2:         " + line);
        }
        for (String line : only(postgres.lines, h2.lines)) {
            differences.add("only on PostgreSQL: " + line);
        }
        System.out.println("Schema (" + h2.lines.size() + " facts):\n  " + String.join("\n  ", h2.lines));
        System.out.println("Foreign keys no index leads with, on PostgreSQL:\n  " + String.join("\n  ", postgres.unindexedForeignKeys()));
        assertThat(differences).as("the schemas differ:\n" + String.join("\n", differences)).isEmpty();
    }

    private static TreeSet<String> only(TreeSet<String> these, TreeSet<String> notThose) {
        TreeSet<String> rest = new TreeSet<>(these);
        rest.removeAll(notThose);
        return rest;
    }
}
