package gatefold.server.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Used when no SMTP server is configured: every mail waits in the outbox for the admin. */
public final class OutboxMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxMailer.class);
    private final Outbox outbox;

    public OutboxMailer(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void send(Mail mail) {
        try {
            outbox.keep(mail);
            // The body holds download and sign-in links, so only the address and subject are logged.
            LOG.info("mail to {} queued in the outbox: {}", mail.to(), mail.subject());
        } catch (RuntimeException e) {
            LOG.error("mail to {} could not be kept in the outbox ({}): {}", mail.to(), e.getMessage(), mail.subject());
        }
    }
}
