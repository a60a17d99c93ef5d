package gatefold.server.audience;

import gatefold.server.accounts.Artist;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.MailOut;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Mails one announcement to every follower as a {@link MailOut} (paced, each follower recorded
 * before their mail leaves, nobody mailed twice). The job's key is the announcement id.
 */
final class AnnouncementMails implements JobHandler {

    static final JobKind KIND = JobKind.of("audience.announce", Lane.MAIL).withTimeout(Duration.ofHours(12)).withMaxAttempts(10);
    private final Jdbi jdbi;
    private final Announcements announcements;
    private final Follows follows;
    private final FollowerMails mails;
    private final MailOut mailOut;

    AnnouncementMails(Jdbi jdbi, Announcements announcements, Follows follows, FollowerMails mails, MailOut mailOut) {
        this.jdbi = jdbi;
        this.announcements = announcements;
        this.follows = follows;
        this.mails = mails;
        this.mailOut = mailOut;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        Announcement a = announcements.find(ctx.key()).orElse(null);
        Artist artist = a == null ? null : follows.artistById(a.artistId()).orElse(null);
        if (artist == null) {
            return JobResult.done(); // the artist left the store; nothing to say
        }
        Map<String, Follower> byEmail = follows.reachable(a.artistId(), a.announcedAt()).stream()
                .collect(Collectors.toMap(Follower::email, f -> f, (first, second) -> first, LinkedHashMap::new));
        mailOut.send(ctx, a.id(), List.copyOf(byEmail.keySet()), email -> Optional.of(byEmail.get(email))
                .filter(this::stillFollowing).map(f -> mails.toFollower(artist, f, a.subject(), a.body())));
        return JobResult.done();
    }

    /** Someone may unsubscribe while a long list is being mailed. */
    private boolean stillFollowing(Follower follower) {
        return jdbi.withHandle(h -> h.createQuery("SELECT state FROM followers WHERE id = :id").bind("id", follower.id())
                .mapTo(String.class).findOne()).filter("following"::equals).isPresent();
    }
}
