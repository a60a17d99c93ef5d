package gatefold.server.moving;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.delivery.DownloadLinks;
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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Mails one "we moved" request to every buyer as a {@link MailOut}, the way
 * {@code audience.AnnouncementMails} mails followers: paced, each buyer recorded before their mail
 * leaves, nobody mailed twice.
 */
final class MovedMailJob implements JobHandler {

    /** The most download links one mail lists. */
    static final int MOST_LINKS = 40;
    static final JobKind KIND = JobKind.of("moving.moved-mail", Lane.MAIL).withTimeout(Duration.ofHours(12)).withMaxAttempts(10);
    private final Jdbi jdbi;
    private final Accounts accounts;
    private final URI publicUrl;
    private final MailOut mailOut;
    private final DownloadLinks links;

    MovedMailJob(Jdbi jdbi, Accounts accounts, URI publicUrl, MailOut mailOut, DownloadLinks links) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
        this.mailOut = mailOut;
        this.links = links;
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

    /**
     * Fresh links: each file's download link, signed now on this store (as a receipt mail's are), and
     * the library, which finds every purchase by the address the mail goes to and always has fresh
     * ones. A buyer of a long discography gets the first {@link #MOST_LINKS} links and the library
     * for the rest, so the mail stays readable.
     */
    private Mail mail(Artist artist, String email) {
        String name = MailText.line(artist.name(), 100);
        List<Owned> owned = jdbi.withHandle(h -> h.createQuery("SELECT r.title, e.id FROM entitlements e JOIN releases r"
                        + " ON r.id = e.release_id WHERE r.artist_id = :a AND e.email = :e AND e.status IN ('confirmed', 'preordered')"
                        + " ORDER BY r.title, e.created_at").bind("a", artist.id()).bind("e", email)
                .map((rs, ctx) -> new Owned(rs.getString(1), rs.getString(2))).list());
        StringBuilder text = new StringBuilder("Hello,\n\n" + name + " has moved their store to " + publicUrl + "/a/" + artist.slug()
                + "\n\nEverything you bought is waiting in your library there:\n\n" + publicUrl + "/library\n\n"
                + "Sign in with this email address (" + email + ") for fresh download links any time. Nothing to pay, nothing to"
                + " set up.\n");
        if (!owned.isEmpty()) {
            long hours = links.linkLifetime().toHours();
            text.append("\nYours, with links that work for ").append(hours % 24 == 0 ? hours / 24 + " days" : hours + " hours")
                    .append(":\n");
            int listed = 0;
            Set<String> titles = new HashSet<>();
            for (Owned item : owned) {
                if (titles.add(item.title())) {
                    text.append("\n- ").append(MailText.line(item.title(), 150)).append('\n');
                }
                for (DownloadLinks.Download file : links.forEntitlement(item.entitlementId()).orElse(List.of())) {
                    if (listed++ < MOST_LINKS) {
                        text.append("  ").append(MailText.line(file.name(), 150)).append(": ").append(file.url()).append('\n');
                    }
                }
            }
            if (listed > MOST_LINKS) {
                text.append("\n").append(listed - MOST_LINKS).append(" more file(s) are in your library.\n");
            }
        }
        // Replies go to the artist, and the do-not-mail list knows whose mail this is.
        return new Mail(email, name + " has moved", text.toString(), artist.email());
    }

    private record Owned(String title, String entitlementId) {
    }
}
