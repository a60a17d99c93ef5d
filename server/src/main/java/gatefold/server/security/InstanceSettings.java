package gatefold.server.security;

import gatefold.server.db.Sql;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Values all instances must agree on, kept in the database. {@link #getOrCreate} is safe
 * when two instances start at once: the first insert wins and both read it back.
 */
public final class InstanceSettings {

    private final Jdbi jdbi;

    public InstanceSettings(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<String> get(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT setting_value FROM instance_settings WHERE name = :name")
                .bind("name", name).mapTo(String.class).findOne());
    }

    /** Returns the stored value, creating it with {@code fresh} when absent; the boolean says who created it. */
    public Created getOrCreate(String name, Supplier<String> fresh) {
        Optional<String> existing = get(name);
        if (existing.isPresent()) {
            return new Created(existing.get(), false);
        }
        String value = fresh.get();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO instance_settings (name, setting_value, created_at) VALUES (:name, :value, :now)")
                    .bind("name", name).bind("value", value).bind("now", Instant.now()).execute());
            return new Created(value, true);
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            return new Created(get(name).orElseThrow(() -> e), false);
        }
    }

    public void put(String name, String value) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE instance_settings SET setting_value = :value WHERE name = :name")
                    .bind("name", name).bind("value", value).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO instance_settings (name, setting_value, created_at) VALUES (:name, :value, :now)")
                        .bind("name", name).bind("value", value).bind("now", Instant.now()).execute();
            }
        });
    }

    /** Deletes every value whose name starts with {@code prefix}, except the one named {@code keep}. */
    public int deleteStartingWith(String prefix, String keep) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM instance_settings WHERE name LIKE :pattern AND name <> :keep")
                .bind("pattern", prefix.replace("_", "\\_") + "%").bind("keep", keep).execute());
    }

    public record Created(String value, boolean createdNow) {
    }
}
