package gatefold.server.mail;

import gatefold.server.config.Settings;
import gatefold.server.jobs.Jobs;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends Gatefold's emails (receipts, sign-in links). {@link #send} never blocks for long
 * and never throws for a delivery problem: mail that cannot go out lands in the outbox.
 */
public interface Mailer extends AutoCloseable {

    void send(Mail mail);

    /** Finishes (briefly) what is being sent; later mail goes to the outbox. */
    @Override
    default void close() {
    }

    /**
     * SMTP from the job queue when GATEFOLD_SMTP_HOST is set, otherwise the outbox only (read by the admin);
     * either way behind the do-not-mail list, so no path can mail an erased address.
     */
    static Mailer from(Settings settings, Outbox outbox, Jdbi jdbi, Jobs jobs) {
        return new DoNotMail(jdbi, MailSettings.from(settings).<Mailer>map(smtp -> new SmtpMailer(smtp, outbox, jdbi, jobs))
                .orElseGet(() -> new OutboxMailer(outbox)));
    }
}
