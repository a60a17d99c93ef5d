package gatefold.server.moving;

import gatefold.server.accounts.Artist;
import gatefold.server.accounts.Accounts;
import gatefold.server.db.Sql;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailText;
import gatefold.server.mail.Mailer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Mails one "we moved" request to every buyer, paced to GATEFOLD_SMTP_PER_MINUTE, the way
 * {@code audience.AnnouncementMails} mails followers: each buyer is recorded in
 * {@code announcement_mails} before their mail leaves, inside the queue's at-most-once effect, so a
 * restart, a second run or a second instance carries on with whoever is left and mails nobody twice.
 */
final class MovedMailJob implements JobHandler {

    static final JobKind KIND = JobKind.of("moving.moved-mail", Lane.MAIL).withTimeout(Duration.ofHours(12)).withMaxAttempts(10);
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final Mailer mailer;
    private final URI publicUrl;
    private final Duration pause;
    private final Clock clock;

    MovedMailJob(Jdbi jdbi, Accounts accounts, Mailer mailer, URI publicUrl, int perMinute, Clock clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.pause = Duration.ofMillis(60_000L / perMinute);
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        String artistId = ctx.key().split(":")[1];
        Artist artist = accounts.byId(artistId).orElse(null);
        if (artist == null) {
            return JobResult.done(); // the artist left the store
        }
        List<String> buyers = MovedMail.buyers(jdbi, artistId);
        boolean first = true;
        for (int i = 0; i < buyers.size(); i++) {
            String email = buyers.get(i);
            if (mailedAlready(ctx.key(), email)) {
                continue;
            }
            if (!first) {
                Thread.sleep(pause.toMillis());
            }
            first = false;
            ctx.once("to:" + email, () -> {
                if (record(ctx.key(), email)) {
                    mailer.send(mail(artist, email));
                }
            });
            ctx.progress((i + 1) / (double) buyers.size());
        }
        return JobResult.done();
    }

    /** Fresh links: the library on this store finds every purchase by the address the mail goes to. */
    private Mail mail(Artist artist, String email) {
        String name = MailText.line(artist.name(), 100);
        List<String> titles = jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT r.title FROM entitlements e JOIN releases r"
                        + " ON r.id = e.release_id WHERE r.artist_id = :a AND e.email = :e AND e.status IN ('confirmed', 'preordered')"
                        + " ORDER BY r.title").bind("a", artist.id()).bind("e", email).mapTo(String.class).list());
        StringBuilder text = new StringBuilder("Hello,\n\n" + name + " has moved their store to " + publicUrl + "/a/" + artist.slug()
                + "\n\nEverything you bought is waiting in your library there:\n\n" + publicUrl + "/library\n\n"
                + "Sign in with this email address (" + email + ") for fresh download links. Nothing to pay, nothing to set up.\n");
        if (!titles.isEmpty()) {
            text.append("\nYours:\n");
            titles.forEach(t -> text.append("- ").append(MailText.line(t, 150)).append('\n'));
        }
        // Replies go to the artist, and the do-not-mail list knows whose mail this is.
        return new Mail(email, name + " has moved", text.toString(), artist.email());
    }

    private boolean mailedAlready(String key, String email) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM announcement_mails WHERE announcement_id = :id AND email = :email")
                .bind("id", key).bind("email", email).mapTo(Integer.class).one()) > 0;
    }

    /** True for the one run that writes the record; a unique violation means someone else mailed them. */
    private boolean record(String key, String email) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO announcement_mails (announcement_id, email, sent_at) VALUES (:id, :email, :now)")
                    .bind("id", key).bind("email", email).bind("now", clock.instant()).execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Sql.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
