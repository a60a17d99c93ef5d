package gatefold.server.audience;

import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Release;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.server.jobs.Jobs;
import gatefold.server.mail.MailText;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what followers will be told and queues the job that mails it. A release is
 * announced the first time it is published (as a pre-order when its date is still ahead);
 * republishing or editing it announces nothing.
 */
public final class Announcements {

    private static final Logger LOG = LoggerFactory.getLogger(Announcements.class);
    private final Jdbi jdbi;
    private final Jobs jobs;
    private final Follows follows;
    private final URI publicUrl;
    private final Clock clock;

    Announcements(Jdbi jdbi, Jobs jobs, Follows follows, URI publicUrl, Clock clock) {
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.follows = follows;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Called after every publish; only the first one of a release is announced. */
    void published(Release release) {
        Optional<Artist> artist = follows.artistById(release.artistId());
        if (artist.isEmpty()) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        boolean preorder = release.releaseDate() != null && release.releaseDate().isAfter(today);
        String title = MailText.line(release.title(), 150);
        String link = publicUrl + "/r/" + artist.get().slug() + "/" + release.slug();
        String subject = (preorder ? "Pre-order now: " : "New from " + MailText.line(artist.get().name(), 80) + ": ") + title;
        String body = preorder
                ? artist.get().name() + " has a new release coming on " + release.releaseDate() + ": " + title
                        + ".\nPre-order it now and it is yours on the day:\n" + link
                : artist.get().name() + " has just released " + title + ".\nListen and buy:\n" + link;
        save(new Announcement("release:" + release.id(), release.artistId(), release.id(), subject, body, clock.instant()));
    }

    /** A short note from the artist to everyone following them now. */
    public Announcement note(Artist artist, String subject, String body) {
        if (subject == null || subject.isBlank() || body == null || body.isBlank()) {
            throw Refusal.invalid("An announcement needs a 'subject' and a 'body'.");
        }
        if (body.length() > 10_000) {
            throw Refusal.tooLarge("An announcement is at most 10,000 characters.");
        }
        Announcement note = new Announcement(Ids.ordered("note"), artist.id(), null, MailText.line(subject, 200), body,
                clock.instant());
        if (!save(note)) {
            throw new IllegalStateException("announcement id clash");
        }
        return note;
    }

    /** Writes the announcement and queues its mails; false when it existed already (nothing is queued again). */
    private boolean save(Announcement a) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO announcements (id, artist_id, release_id, subject, body, announced_at)
                    VALUES (:id, :artistId, :releaseId, :subject, :body, :announcedAt)""").bindMethods(a).execute());
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
        jobs.enqueue(AnnouncementMails.KIND, a.id(), "{}");
        LOG.info("announcement {} queued for the followers of artist {}", a.id(), a.artistId());
        return true;
    }

    Optional<Announcement> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM announcements WHERE id = :id").bind("id", id)
                .registerRowMapper(ConstructorMapper.factory(Announcement.class)).mapTo(Announcement.class).findOne());
    }

    /** The artist's latest announcements, newest first, with how many were sent and are still to go. */
    public List<AnnouncementProgress> progress(Artist artist, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT a.id, a.artist_id, a.release_id, a.subject, a.body, a.announced_at,
                               (SELECT COUNT(*) FROM announcement_mails m WHERE m.announcement_id = a.id) AS sent,
                               (SELECT COUNT(*) FROM followers f
                                 WHERE f.artist_id = a.artist_id AND f.state = 'following' AND f.consented_at <= a.announced_at
                                   AND NOT EXISTS (SELECT 1 FROM announcement_mails m
                                                    WHERE m.announcement_id = a.id AND m.email = f.email)) AS pending
                        FROM announcements a WHERE a.artist_id = :artistId
                        ORDER BY a.announced_at DESC, a.id DESC LIMIT :limit""")
                .bind("artistId", artist.id()).bind("limit", limit)
                .map((rs, ctx) -> new AnnouncementProgress(new Announcement(rs.getString("id"), rs.getString("artist_id"),
                        rs.getString("release_id"), rs.getString("subject"), rs.getString("body"),
                        rs.getObject("announced_at", OffsetDateTime.class).toInstant()),
                        rs.getInt("sent"), rs.getInt("pending"))).list());
    }

    /** How many followers an announcement has reached so far. */
    public int mailed(String announcementId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM announcement_mails WHERE announcement_id = :id")
                .bind("id", announcementId).mapTo(Integer.class).one());
    }
}
