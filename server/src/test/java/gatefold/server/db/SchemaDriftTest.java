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
        List<String> differences = differences(h2, postgres);
        System.out.println("Schema (" + h2.lines.size() + " facts):\n  " + String.join("\n  ", h2.lines));
        System.out.println("Foreign keys no index leads with, on PostgreSQL:\n  " + String.join("\n  ", postgres.unindexedForeignKeys()));
        assertThat(differences).as("the schemas differ:\n" + String.join("\n", differences)).isEmpty();
    }

    @Test
    void theComparisonCatchesEachKindOfDifferenceAndForgivesOnlySpelling() throws Exception {
        try (Database a = TestDatabases.h2(); Database b = TestDatabases.postgres()) {
            // The same change on both, spelt as each database will show it differently: no difference.
            for (Database db : List.of(a, b)) {
                db.jdbi().useHandle(h -> {
                    h.execute("ALTER TABLE artists ADD COLUMN notes TEXT");
                    h.execute("ALTER TABLE artists ADD COLUMN fee NUMERIC(10,2) DEFAULT 0");
                    h.execute("ALTER TABLE artists ADD COLUMN seen_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP");
                    h.execute("ALTER TABLE artists ADD COLUMN listed BOOLEAN DEFAULT TRUE");
                });
            }
            // Changes on PostgreSQL alone, each of which must be reported.
            b.jdbi().useHandle(h -> {
                h.execute("ALTER TABLE artists ALTER COLUMN slug TYPE VARCHAR(81)");
                h.execute("ALTER TABLE mail_outbox ALTER COLUMN created_at TYPE TIMESTAMP");
                h.execute("ALTER TABLE artists ALTER COLUMN bio DROP NOT NULL");
                h.execute("ALTER TABLE artists ALTER COLUMN default_currency SET DEFAULT 'USD'");
                h.execute("DROP INDEX purchases_email");
                h.execute("CREATE INDEX purchases_email ON purchases (email DESC)");
                h.execute("ALTER TABLE artists RENAME CONSTRAINT artists_email_unique TO artists_email_unique2");
                h.execute("ALTER TABLE payment_settings DROP CONSTRAINT payment_settings_artist_id_fkey");
                h.execute("ALTER TABLE payment_settings ADD FOREIGN KEY (artist_id) REFERENCES artists (id) ON DELETE CASCADE");
                h.execute("ALTER TABLE releases ADD CONSTRAINT releases_price_positive CHECK (price_minor >= 0)");
                h.execute("CREATE TABLE stray (id INT)");
            });
            List<String> differences = differences(SchemaSnapshot.of(a.dataSource()), SchemaSnapshot.of(b.dataSource()));
            assertThat(differences).containsExactlyInAnyOrder(
                    "only on H2:         column artists.slug VARCHAR(80) NOT NULL",
                    "only on PostgreSQL: column artists.slug VARCHAR(81) NOT NULL",
                    "only on H2:         column mail_outbox.created_at TIMESTAMP(6) WITH TIME ZONE NOT NULL",
                    "only on PostgreSQL: column mail_outbox.created_at TIMESTAMP(6) NOT NULL",
                    "only on H2:         column artists.bio VARCHAR(8000) NOT NULL DEFAULT ''",
                    "only on PostgreSQL: column artists.bio VARCHAR(8000) DEFAULT ''",
                    "only on H2:         column artists.default_currency VARCHAR(3) NOT NULL DEFAULT 'EUR'",
                    "only on PostgreSQL: column artists.default_currency VARCHAR(3) NOT NULL DEFAULT 'USD'",
                    "only on H2:         index purchases_email on purchases (email)",
                    "only on PostgreSQL: index purchases_email on purchases (email DESC)",
                    "only on H2:         unique artists (email) named artists_email_unique",
                    "only on PostgreSQL: unique artists (email) named artists_email_unique2",
                    "only on H2:         foreign key payment_settings (artist_id) references artists (id) on update NO ACTION on delete NO ACTION",
                    "only on PostgreSQL: foreign key payment_settings (artist_id) references artists (id) on update NO ACTION on delete CASCADE",
                    "only on PostgreSQL: check releases_price_positive on releases",
                    "only on PostgreSQL: table stray",
                    "only on PostgreSQL: column stray.id INTEGER");
        }
    }

    private static List<String> differences(SchemaSnapshot h2, SchemaSnapshot postgres) {
        List<String> differences = new ArrayList<>();
        for (String line : only(h2.lines, postgres.lines)) {
            differences.add("only on H2:         " + line);
        }
        for (String line : only(postgres.lines, h2.lines)) {
            differences.add("only on PostgreSQL: " + line);
        }
        return differences;
    }

    private static TreeSet<String> only(TreeSet<String> these, TreeSet<String> notThose) {
        TreeSet<String> rest = new TreeSet<>(these);
        rest.removeAll(notThose);
        return rest;
    }
}
