package gatefold.server.audience;

import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.delivery.DeliveryDao;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailText;
import gatefold.server.mail.Mailer;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Pre-orders: a release whose date is still ahead can be bought, and what is bought waits
 * ({@code preordered} entitlements, no links). On the date (UTC) {@link #releaseDue} turns
 * each into a confirmed entitlement and mails its buyer. The guarded update is what makes
 * that happen once per buyer, however many instances or runs reach it.
 */
public final class Preorders {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Follows follows;
    private final Mailer mailer;
    private final URI publicUrl;
    private final Clock clock;

    Preorders(Jdbi jdbi, Catalog catalog, Follows follows, Mailer mailer, URI publicUrl, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.follows = follows;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** Whether a sale of this release now is a pre-order: its release date is after today (UTC). */
    public boolean isPreorder(String releaseId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return catalog.release(releaseId).filter(r -> r.isPreorderOn(today)).isPresent();
    }

    private record Waiting(String id, String email, String releaseId) {
    }

    /** Opens every pre-order whose release date is on or before {@code now}'s date; returns how many this call opened. */
    public int releaseDue(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<Waiting> due = jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, e.email, e.release_id FROM entitlements e JOIN releases r ON r.id = e.release_id
                        WHERE e.status = 'preordered' AND r.release_date <= :today ORDER BY e.created_at, e.id""")
                .bind("today", today)
                .map((rs, ctx) -> new Waiting(rs.getString("id"), rs.getString("email"), rs.getString("release_id"))).list());
        DeliveryDao entitlements = jdbi.onDemand(DeliveryDao.class);
        int opened = 0;
        for (Waiting w : due) {
            int changed = entitlements.openPreorder(w.id(), now);
            if (changed == 1) {
                opened++;
                tell(w);
            }
        }
        return opened;
    }

    /** The buyer's mail on the day; their library has the links (no link in a mail is needed to download). */
    private void tell(Waiting w) {
        catalog.release(w.releaseId()).ifPresent(release -> {
            Artist artist = follows.artistById(release.artistId()).orElse(null);
            String by = artist == null ? "" : " by " + MailText.line(artist.name(), 100);
            String title = MailText.line(release.title(), 150);
            String text = "The day has come: " + title + by + " is out, and your pre-order is ready to download.\n\n"
                    + "Your library has every download: " + publicUrl + "/library\n";
            mailer.send(new Mail(w.email(), "Out now: " + title, text, artist == null ? null : artist.email()));
        });
    }
}
