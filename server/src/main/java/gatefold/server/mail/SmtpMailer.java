package gatefold.server.mail;

import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the configured SMTP server from the job queue: {@link #send} keeps the mail
 * in the database and queues a {@link #SEND} job in one transaction, so a slow server never
 * holds up a fan's request and a restart or a killed instance loses nothing waiting. Each
 * mail gets three attempts (after about 1 s and 2 s); mail that still fails is kept in the
 * outbox for the admin. A mail goes out at most once: a run killed mid-send is not repeated,
 * and that mail is put in the outbox too, marked as perhaps sent.
 */
public final class SmtpMailer implements Mailer {

    /** Tries at the SMTP server before a mail goes to the outbox. */
    static final int SMTP_ATTEMPTS = 3;
    /**
     * One mail: key = its id in {@code mail_waiting}. One attempt more than {@link #SMTP_ATTEMPTS},
     * so a run killed during the last try still leaves one to move the mail to the outbox.
     */
    public static final JobKind SEND = JobKind.of("mail.send", Lane.MAIL).withMaxAttempts(SMTP_ATTEMPTS + 1)
            .withRetries(Duration.ofSeconds(1), Duration.ofSeconds(2)).withTimeout(Duration.ofMinutes(5));
    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    private final MailSettings settings;
    private final Outbox outbox;
    private final Session session;
    private final Jdbi jdbi;
    private final Jobs jobs;
    private final WaitingMail waiting;

    /** Registers the {@link #SEND} handler: call before the queue's workers start. */
    public SmtpMailer(MailSettings settings, Outbox outbox, Jdbi jdbi, Jobs jobs) {
        this.settings = settings;
        this.outbox = outbox;
        this.session = Session.getInstance(properties(settings));
        this.jdbi = jdbi;
        this.jobs = jobs;
        this.waiting = new WaitingMail(jdbi);
        jobs.register(SEND, this::run);
    }

    private static Properties properties(MailSettings s) {
        String protocol = s.implicitTls() ? "smtps" : "smtp";
        String millis = Long.toString(s.timeout().toMillis());
        Properties p = new Properties();
        p.put("mail.transport.protocol", protocol);
        p.put("mail." + protocol + ".host", s.host());
        p.put("mail." + protocol + ".port", Integer.toString(s.port()));
        p.put("mail." + protocol + ".auth", Boolean.toString(s.user().isPresent()));
        p.put("mail." + protocol + ".connectiontimeout", millis);
        p.put("mail." + protocol + ".timeout", millis);
        p.put("mail." + protocol + ".writetimeout", millis);
        p.put("mail." + protocol + ".from", s.from().getAddress());
        if (s.implicitTls()) {
            p.put("mail.smtps.ssl.checkserveridentity", "true");
        } else if (s.startTls()) {
            // Required, not just enabled: never send a password or a download link in the clear by surprise.
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        return p;
    }

    @Override
    public void send(Mail mail) {
        try {
            jdbi.useTransaction(h -> jobs.enqueue(h, SEND, WaitingMail.add(h, mail, Instant.now()), "{}", Instant.now()));
        } catch (RuntimeException e) {
            keep(mail, "it could not be queued (" + e.getMessage() + ")");
        }
    }

    /** The {@link #SEND} job: one attempt at one mail. */
    private JobResult run(JobContext ctx) throws Exception {
        Optional<Mail> found = waiting.find(ctx.key());
        if (found.isEmpty()) {
            return JobResult.done(); // sent or kept by an earlier run that died before it could say so
        }
        Mail mail = found.get();
        String unsent = null;
        try {
            if (!ctx.once("smtp", () -> deliver(mail))) {
                unsent = "a run sending it stopped half-way, so it may or may not have gone out";
            } else {
                LOG.info("mail to {} sent: {}", mail.to(), mail.subject());
            }
        } catch (JobContext.NotSent e) {
            if (ctx.attempt() < SMTP_ATTEMPTS) {
                LOG.warn("mail to {} failed (attempt {} of {}: {}); trying again", mail.to(), ctx.attempt(), SMTP_ATTEMPTS,
                        e.getMessage());
                throw e;
            }
            unsent = e.getMessage();
        } catch (BadAddress e) {
            unsent = e.getMessage();
        }
        if (unsent == null) {
            waiting.remove(ctx.key());
        } else {
            moveToOutbox(ctx.key(), mail, unsent);
        }
        return JobResult.done();
    }

    /** One transaction, so the mail is always in exactly one of the queue and the outbox. */
    private void moveToOutbox(String waitingId, Mail mail, String reason) {
        jdbi.useTransaction(h -> {
            Outbox.keep(h, mail);
            WaitingMail.remove(h, waitingId);
        });
        LOG.warn("mail to {} could not be sent ({}); queued in the outbox: {}", mail.to(), reason, mail.subject());
    }

    /** One SMTP conversation; a refusal before the message was accepted means nothing was sent. */
    private void deliver(Mail mail) throws JobContext.NotSent {
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(settings.from());
            // One address each, parsed strictly: a comma in an address must never add a recipient.
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
            if (mail.replyTo() != null) {
                message.setReplyTo(new InternetAddress[] {new InternetAddress(mail.replyTo(), true)});
            }
            message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            message.setText(mail.text(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(Instant.now()));
            for (var header : mail.headers().entrySet()) {
                message.setHeader(header.getKey(), header.getValue());
            }
            if (settings.user().isPresent()) {
                Transport.send(message, settings.user().get(), settings.password().orElse(""));
            } else {
                Transport.send(message);
            }
        } catch (AddressException e) {
            throw new BadAddress("the address is not valid for SMTP: " + e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            throw new JobContext.NotSent(e.getMessage(), e);
        }
    }

    /** An address no retry can fix: straight to the outbox. */
    private static final class BadAddress extends RuntimeException {
        BadAddress(String reason) {
            super(reason, null, false, false);
        }
    }

    private void keep(Mail mail, String reason) {
        try {
            outbox.keep(mail);
            LOG.warn("mail to {} could not be sent ({}); queued in the outbox: {}", mail.to(), reason, mail.subject());
        } catch (RuntimeException e) {
            LOG.error("mail to {} could not be sent ({}) nor kept in the outbox ({}): {}", mail.to(), reason, e.getMessage(),
                    mail.subject());
        }
    }
}
