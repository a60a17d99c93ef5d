package gatefold.server.audience;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.db.Sql;
import gatefold.server.mail.Mail;
import gatefold.server.mail.MailText;
import gatefold.server.mail.Mailer;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * When the artist moves a pre-order's release date, everyone waiting for it is told the new
 * date, once per move: the date last told is kept, and only the update that changes it mails.
 */
final class PreorderDates {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Mailer mailer;
    private final URI publicUrl;

    PreorderDates(Jdbi jdbi, Catalog catalog, Mailer mailer, URI publicUrl) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.mailer = mailer;
        this.publicUrl = publicUrl;
    }

    /** Watches every change of a release (publishing included, which records the first date). */
    void changed(String releaseId) {
        Release release = catalog.release(releaseId).filter(Release::isOut).orElse(null);
        if (release == null) {
            return;
        }
        LocalDate now = release.releaseDate();
        Optional<Optional<LocalDate>> told = jdbi.withHandle(h -> h.createQuery(
                        "SELECT release_date FROM preorder_dates WHERE release_id = :id").bind("id", releaseId)
                .map((rs, ctx) -> Optional.ofNullable(rs.getObject(1, LocalDate.class))).findOne());
        if (told.isEmpty()) {
            remember(releaseId, now);
            return;
        }
        LocalDate before = told.get().orElse(null);
        if (Objects.equals(before, now) || now == null) {
            return;
        }
        int moved = jdbi.withHandle(h -> h.createUpdate(before == null
                        ? "UPDATE preorder_dates SET release_date = :now WHERE release_id = :id AND release_date IS NULL"
                        : "UPDATE preorder_dates SET release_date = :now WHERE release_id = :id AND release_date = :before")
                .bind("id", releaseId).bind("now", now).bind("before", before).execute());
        if (moved == 1) {
            tell(release, now);
        }
    }

    private void remember(String releaseId, LocalDate date) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO preorder_dates (release_id, release_date) VALUES (:id, :date)")
                    .bind("id", releaseId).bind("date", date).execute());
        } catch (UnableToExecuteStatementException e) {
            if (!Sql.isUniqueViolation(e)) {
                throw e;
            }
        }
    }

    private void tell(Release release, LocalDate date) {
        List<String> waiting = jdbi.withHandle(h -> h.createQuery(
                        "SELECT email FROM entitlements WHERE release_id = :id AND status = 'preordered' ORDER BY created_at, id")
                .bind("id", release.id()).mapTo(String.class).list());
        String title = MailText.line(release.title(), 150);
        for (String email : waiting) {
            mailer.send(new Mail(email, "New release date: " + title, "The release date of " + title + ", which you pre-ordered,"
                    + " is now " + date + ".\nYour downloads open on that day, and we will mail you then.\n\n"
                    + "Your library: " + publicUrl + "/library\n"));
        }
    }
}
