package gatefold.server.library;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import gatefold.server.security.InstanceSettings;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The fan's chosen format, on H2 and PostgreSQL: per release, else their latest choice; kept under a hash of the email only. */
class FormatPreferencesTest {

    @ParameterizedTest
    @MethodSource("gatefold.server.db.TestDatabases#both")
    void theLatestChoiceForAReleaseWinsAndElsewhereTheLatestChoiceAnywhere(TestDatabases.Kind kind) {
        try (Database db = TestDatabases.open(kind)) {
            Jdbi jdbi = db.jdbi();
            TestDatabases.release(jdbi, "rel_a");
            TestDatabases.release(jdbi, "rel_b");
            FormatPreferences preferences = new FormatPreferences(jdbi, new InstanceSettings(jdbi));
            assertThat(preferences.of("fan@example.com", "rel_a").id()).isEmpty();

            preferences.remember("fan@example.com", "rel_a", "mp3-320");
            preferences.remember(" Fan@Example.com", "rel_b", "flac");
            assertThat(preferences.of("fan@example.com", "rel_a").id()).hasValue("mp3-320");
            assertThat(preferences.of("FAN@example.com", "rel_b").id()).hasValue("flac");
            // A release the fan never chose for takes their latest choice; another fan has none.
            assertThat(preferences.of("fan@example.com", "rel_new").id()).hasValue("flac");
            assertThat(preferences.of("other@example.com", "rel_a").id()).isEmpty();

            preferences.remember("fan@example.com", "rel_a", "opus");
            assertThat(preferences.of("fan@example.com", "rel_a").id()).hasValue("opus");
            assertThat(count(jdbi, "SELECT COUNT(*) FROM fan_preferences")).isEqualTo(3);
            assertThat(count(jdbi, "SELECT COUNT(*) FROM fan_preferences WHERE email_hash LIKE '%example%'")).isZero();
        }
    }

    static int count(Jdbi jdbi, String sql) {
        return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }
}
