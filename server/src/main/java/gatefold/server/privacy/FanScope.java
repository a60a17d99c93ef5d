package gatefold.server.privacy;

import gatefold.server.common.Emails;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Whose view of one fan: an artist sees and erases only what their own sales and followers hold
 * ({@code artistId}, {@code artistEmail}); the operator the whole store. SQL written for it uses
 * {@code :e} (the fan's address), {@code :a} (the artist's id) and {@code :ae} (the artist's email),
 * and the {@code *Mine} fragments narrow a statement to the artist (empty for the operator).
 */
public record FanScope(String email, Optional<String> artistId, Optional<String> artistEmail) {

    private static final Pattern NAMES = Pattern.compile(":([a-z]+)");

    public static FanScope artist(String email, String artistId, String artistEmail) {
        return new FanScope(Emails.normalize(email), Optional.of(artistId), Optional.of(Emails.canonical(artistEmail)));
    }

    public static FanScope store(String email) {
        return new FanScope(Emails.normalize(email), Optional.empty(), Optional.empty());
    }

    boolean wholeStore() {
        return artistId.isEmpty();
    }

    /** " AND <column> = :a" for an artist. */
    String mine(String artistColumn) {
        return wholeStore() ? "" : " AND " + artistColumn + " = :a";
    }

    /** " AND <column> IN (the artist's releases)" for an artist. */
    String mineByRelease(String releaseColumn) {
        return wholeStore() ? "" : " AND " + releaseColumn + " IN (SELECT id FROM releases WHERE artist_id = :a)";
    }

    /** The fan's purchases in this scope, as a subquery. */
    String purchases() {
        return "(SELECT id FROM purchases WHERE email = :e" + mine("artist_id") + ")";
    }

    /** The fan's entitlements in this scope, as a subquery. */
    String entitlements() {
        return "(SELECT id FROM entitlements WHERE email = :e" + mineByRelease("release_id") + ")";
    }

    /** The address as a LIKE pattern, its own wildcards escaped (with ESCAPE '\'). */
    String likePattern() {
        return "%" + email.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** Binds the names the SQL uses, and no others (Jdbi refuses unused bindings). */
    <T extends SqlStatement<T>> T bind(T statement, String sql) {
        Matcher names = NAMES.matcher(sql.replaceAll("'[^']*'", ""));
        while (names.find()) {
            switch (names.group(1)) {
                case "e" -> statement.bind("e", email);
                case "a" -> statement.bind("a", artistId.orElseThrow());
                case "ae" -> statement.bind("ae", artistEmail.orElseThrow());
                case "like" -> statement.bind("like", likePattern());
                default -> { }
            }
        }
        return statement;
    }

    int update(Handle h, String sql) {
        return bind(h.createUpdate(sql), sql).execute();
    }
}
