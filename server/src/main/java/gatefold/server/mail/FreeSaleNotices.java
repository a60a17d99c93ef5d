package gatefold.server.mail;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.db.Sql;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells artists about free downloads without burying them: the first few in each UTC hour
 * are mailed one by one as they happen; the rest of that hour wait and go out as one digest
 * when the hour ends, with the count per release and the latest fans' addresses. A free
 * single that goes viral costs its artist one mail an hour, not ten thousand. The hour's
 * count and the waiting notes are in the database, so every instance agrees and none is lost.
 */
public final class FreeSaleNotices {

    private static final Logger LOG = LoggerFactory.getLogger(FreeSaleNotices.class);
    /** One by one up to here each hour: enough to see the first fans arrive. */
    public static final int SINGLES_PER_HOUR = 5;
    /** How many of the latest addresses a digest lists. */
    public static final int ADDRESSES_IN_DIGEST = 20;
    /** Mails the digests of ended hours: one recurring job, so one instance at a time sends them. */
    public static final JobKind DIGESTS = JobKind.of("mail.free-sale-digests", Lane.MAIL).withMaxAttempts(3);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private final Jdbi jdbi;
    private final Mailer mailer;
    private final Accounts accounts;

    public FreeSaleNotices(Jdbi jdbi, Mailer mailer, Accounts accounts) {
        this.jdbi = jdbi;
        this.mailer = mailer;
        this.accounts = accounts;
    }

    /** Says how this instance runs {@link #DIGESTS}; it runs where the role runs background work. */
    public FreeSaleNotices register(Jobs jobs) {
        jobs.register(DIGESTS, ctx -> {
            sendDigests(Instant.now());
            return JobResult.done();
        });
        return this;
    }

    /** A free download by {@code email}: mailed to the artist now, or kept for the hour's digest. */
    public void note(Artist artist, String purchaseId, String email, String releaseTitle, Mail single) {
        Instant now = Instant.now();
        Instant hour = now.truncatedTo(ChronoUnit.HOURS);
        if (claimSingle(artist.id(), hour)) {
            mailer.send(single);
            return;
        }
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO free_sale_digest (purchase_id, artist_id, hour_start, email, release_title, noted_at)
                    VALUES (:purchase, :artist, :hour, :email, :title, :now)""")
                    .bind("purchase", purchaseId).bind("artist", artist.id()).bind("hour", hour).bind("email", email)
                    .bind("title", MailText.line(releaseTitle, 200)).bind("now", now).execute());
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
            // The same purchase told twice: it is in the digest once, and the sale itself stands either way.
            LOG.info("free download {} is already in the artist's digest", purchaseId);
        }
    }

    /** One more single mail this hour, if the hour has any left (one guarded update, so instances never overshoot). */
    private boolean claimSingle(String artistId, Instant hour) {
        return jdbi.withHandle(h -> {
            try {
                h.createUpdate("INSERT INTO free_sale_hours (artist_id, hour_start, mailed) VALUES (:artist, :hour, 0)")
                        .bind("artist", artistId).bind("hour", hour).execute();
            } catch (UnableToExecuteStatementException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                // Another free download this hour made the row first.
            }
            return h.createUpdate("""
                    UPDATE free_sale_hours SET mailed = mailed + 1
                    WHERE artist_id = :artist AND hour_start = :hour AND mailed < :max""")
                    .bind("artist", artistId).bind("hour", hour).bind("max", SINGLES_PER_HOUR).execute() == 1;
        });
    }

    /** Mails one digest per artist and ended hour that has waiting notes; returns how many were sent. */
    public int sendDigests(Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        List<Due> due = jdbi.withHandle(h -> h.createQuery("""
                        SELECT DISTINCT artist_id, hour_start FROM free_sale_digest WHERE hour_start < :current
                        ORDER BY hour_start, artist_id""")
                .bind("current", current).registerRowMapper(ConstructorMapper.factory(Due.class)).mapTo(Due.class).list());
        int sent = 0;
        for (Due d : due) {
            sent += sendDigest(d.artistId(), d.hourStart()) ? 1 : 0;
        }
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM free_sale_hours WHERE hour_start < :before")
                .bind("before", current.minus(Duration.ofHours(1))).execute());
        return sent;
    }

    /** An artist's ended hour with notes waiting. */
    public record Due(String artistId, Instant hourStart) {
    }

    private record Note(String email, String releaseTitle) {
    }

    /** Takes the hour's notes (whoever deletes them sends them, so two instances never both do) and mails them. */
    private boolean sendDigest(String artistId, Instant hour) {
        List<Note> notes = jdbi.inTransaction(h -> {
            List<Note> found = h.createQuery("""
                    SELECT email, release_title FROM free_sale_digest WHERE artist_id = :artist AND hour_start = :hour
                    ORDER BY noted_at DESC, purchase_id""")
                    .bind("artist", artistId).bind("hour", hour).map((rs, ctx) -> new Note(rs.getString(1), rs.getString(2))).list();
            int taken = h.createUpdate("DELETE FROM free_sale_digest WHERE artist_id = :artist AND hour_start = :hour")
                    .bind("artist", artistId).bind("hour", hour).execute();
            return taken == found.size() ? found : List.<Note>of();
        });
        Optional<Artist> artist = accounts.byId(artistId);
        if (notes.isEmpty() || artist.isEmpty()) {
            return false;
        }
        mailer.send(new Mail(artist.get().email(), notes.size() + " more free downloads", digestText(hour, notes)));
        return true;
    }

    private static String digestText(Instant hour, List<Note> notes) {
        Map<String, Integer> perRelease = new LinkedHashMap<>();
        notes.forEach(n -> perRelease.merge(n.releaseTitle(), 1, Integer::sum));
        StringBuilder text = new StringBuilder();
        text.append(notes.size()).append(" more fans got free downloads in the hour from ").append(HOUR.format(hour))
                .append(" (the first ").append(SINGLES_PER_HOUR).append(" of the hour were mailed one by one).\n\n");
        perRelease.forEach((title, count) -> text.append("  \"").append(title).append("\": ").append(count).append('\n'));
        text.append("\nThe latest:\n");
        notes.stream().limit(ADDRESSES_IN_DIGEST).forEach(n -> text.append("  ").append(n.email()).append('\n'));
        if (notes.size() > ADDRESSES_IN_DIGEST) {
            text.append("  and ").append(notes.size() - ADDRESSES_IN_DIGEST).append(" more (all are in your sales list)\n");
        }
        return text.toString();
    }
}
