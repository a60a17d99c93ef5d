package gatefold.server.library;

import gatefold.server.common.Emails;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.Tokens;
import gatefold.server.storefront.ChosenFormat;
import gatefold.server.delivery.DownloadLinks;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The download format a fan chose last: for the release they chose it on, and for whatever
 * they get next. Receipts, the library and receipt mails list it first. A fan is known by a
 * hash of their email under a salt kept in the database, so the table alone names no one.
 */
public final class FormatPreferences {

    private static final String SALT = "fan_preference_salt";
    private final Jdbi jdbi;
    private final InstanceSettings settings;
    private volatile String salt;

    public FormatPreferences(Jdbi jdbi, InstanceSettings settings) {
        this.jdbi = jdbi;
        this.settings = settings;
    }

    /** The fan's choice for this release, else their latest choice anywhere; none when they never chose. */
    public ChosenFormat of(String email, String releaseId) {
        Optional<String> format = jdbi.withHandle(h -> h.createQuery("""
                        SELECT format FROM fan_preferences WHERE email_hash = :fan AND (release_id = :release OR release_id IS NULL)
                        ORDER BY CASE WHEN release_id IS NULL THEN 1 ELSE 0 END, updated_at DESC""")
                .bind("fan", fan(email)).bind("release", releaseId).mapTo(String.class).findFirst());
        return new ChosenFormat(format.orElse(null));
    }

    /** The fan chose {@code format} for this release: remembered for it, and as their choice from now on. */
    public void remember(String email, String releaseId, String format) {
        String fan = fan(email);
        Instant now = Instant.now();
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM fan_preferences WHERE email_hash = :fan AND (release_id = :release OR release_id IS NULL)")
                    .bind("fan", fan).bind("release", releaseId).execute();
            for (String release : new String[] {releaseId, null}) {
                h.createUpdate("INSERT INTO fan_preferences (email_hash, release_id, format, updated_at) VALUES (:fan, :release, :format, :now)")
                        .bind("fan", fan).bind("release", release).bind("format", format).bind("now", now).execute();
            }
        });
    }

    /**
     * The fan pressed the album in {@code format} (on a receipt, in the library or an embed):
     * the album, remembered as their choice; empty when the purchase has no album in that format.
     */
    public Optional<DownloadLinks.Album> choose(String email, String releaseId, List<DownloadLinks.Album> albums, String format) {
        Optional<DownloadLinks.Album> album = albums.stream().filter(a -> a.format().equals(format)).findFirst();
        album.ifPresent(a -> remember(email, releaseId, format));
        return album;
    }

    private String fan(String email) {
        String s = salt;
        if (s == null) {
            s = settings.getOrCreate(SALT, () -> Tokens.randomBase64(16)).value();
            salt = s;
        }
        return Tokens.hash(s + "|" + Emails.canonical(email));
    }
}
