package gatefold.server.moving;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Lane;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailOut;
import gatefold.server.mail.MailText;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Mails one "we moved" request to every buyer as a {@link MailOut}, the way
 * {@code audience.AnnouncementMails} mails followers: paced, each buyer recorded before their mail
 * leaves, nobody mailed twice.
 */
final class MovedMailJob implements JobHandler {

    static final JobKind KIND = JobKind.of("moving.moved-mail", Lane.MAIL).withTimeout(Duration.ofHours(12)).withMaxAttempts(10);
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final URI publicUrl;
    private final MailOut mailOut;

    MovedMailJob(Jdbi jdbi, Accounts accounts, URI publicUrl, MailOut mailOut) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.mailOut = mailOut;
    }

    @Override
    public JobResult run(JobContext ctx) throws Exception {
        String artistId = ctx.key().split(":")[1];
        Artist artist = accounts.byId(artistId).orElse(null);
        if (artist == null) {
            return JobResult.done(); // the artist left the store
        }
        mailOut.send(ctx, ctx.key(), MovedMail.buyers(jdbi, artistId), email -> Optional.of(mail(artist, email)));
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
}
