package gatefold.server.audience;

import gatefold.server.accounts.Artist;
import gatefold.server.db.Sql;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.Mailer;
import java.time.Clock;
import java.time.Duration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Mails one announcement to every follower, paced to GATEFOLD_SMTP_PER_MINUTE. The job's key
 * is the announcement id. Each follower's mail is recorded before it leaves, so a restart,
 * a second run or a second instance carries on with whoever is left and mails nobody twice.
 */
final class AnnouncementMails implements JobHandler {

    static final JobKind KIND = JobKind.of("audience.announce", Lane.MAIL).withTimeout(Duration.ofHours(12)).withMaxAttempts(10);
    private final Jdbi jdbi;
    private final Announcements announcements;
    private final Follows follows;
    private final FollowerMails mails;
    private final Mailer mailer;
    private final Duration pause;
    private final Clock clock;

    AnnouncementMails(Jdbi jdbi, Announcements announcements, Follows follows, FollowerMails mails, Mailer mailer, int perMinute,
                      Clock clock) {
        this.jdbi = jdbi;
        this.announcements = announcements;
        this.follows = follows;
        this.mails = mails;
        this.mailer = mailer;
        this.pause = Duration.ofMillis(60_000L / perMinute);
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        Announcement a = announcements.find(ctx.key()).orElse(null);
        Artist artist = a == null ? null : follows.artistById(a.artistId()).orElse(null);
        if (artist == null) {
            return JobResult.done(); // the artist left the store; nothing to say
        }
        boolean first = true;
        for (Follower follower : follows.reachable(a.artistId(), a.announcedAt())) {
            if (mailedAlready(a.id(), follower.email()) || !stillFollowing(follower)) {
                continue;
            }
            if (!first) {
                Thread.sleep(pause.toMillis());
            }
            first = false;
            ctx.once("to:" + follower.email(), () -> {
                if (record(a.id(), follower.email())) {
                    mailer.send(mails.toFollower(artist, follower, a.subject(), a.body()));
                }
            });
        }
        return JobResult.done();
    }

    private boolean mailedAlready(String announcementId, String email) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM announcement_mails WHERE announcement_id = :id AND email = :email")
                .bind("id", announcementId).bind("email", email).mapTo(Integer.class).one()) > 0;
    }

    /** Someone may unsubscribe while a long list is being mailed. */
    private boolean stillFollowing(Follower follower) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM followers WHERE id = :id").bind("id", follower.id())
                .mapTo(String.class).findOne()).filter("following"::equals).isPresent();
    }

    /** True for the one run that writes the record; a unique violation means someone else mailed them. */
    private boolean record(String announcementId, String email) {
        try {
            jdbi.useHandle(h -> h.createUpdate(
                            "INSERT INTO announcement_mails (announcement_id, email, sent_at) VALUES (:id, :email, :now)")
                    .bind("id", announcementId).bind("email", email).bind("now", clock.instant()).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
