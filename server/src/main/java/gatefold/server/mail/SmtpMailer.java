package gatefold.server.mail;

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
import java.util.Properties;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends through the configured SMTP server on two background threads, so a slow server
 * never holds up a fan's request. Each mail gets three attempts (after 1 s and 2 s);
 * mail that still fails is kept in the outbox for the admin.
 */
public final class SmtpMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpMailer.class);
    static final int ATTEMPTS = 3;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final int MAX_WAITING = 10_000;
    private final MailSettings settings;
    private final Outbox outbox;
    private final Session session;
    private final ScheduledThreadPoolExecutor executor;

    public SmtpMailer(MailSettings settings, Outbox outbox) {
        this.settings = settings;
        this.outbox = outbox;
        this.session = Session.getInstance(properties(settings));
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread t = new Thread(r, "gatefold-mail-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
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
        schedule(mail, 1, Duration.ZERO);
    }

    private void schedule(Mail mail, int attempt, Duration delay) {
        if (executor.getQueue().size() >= MAX_WAITING) {
            keep(mail, "too many mails waiting to be sent");
            return;
        }
        try {
            executor.schedule(() -> attempt(mail, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            keep(mail, "the mail sender is stopped");
        }
    }

    private void attempt(Mail mail, int attempt) {
        try {
            deliver(mail);
            LOG.info("mail to {} sent: {}", mail.to(), mail.subject());
        } catch (AddressException e) {
            keep(mail, "the address is not valid for SMTP: " + e.getMessage());
        } catch (MessagingException | RuntimeException e) {
            if (attempt < ATTEMPTS) {
                Duration wait = FIRST_RETRY.multipliedBy(1L << (attempt - 1));
                LOG.warn("mail to {} failed (attempt {} of {}: {}); trying again in {} s", mail.to(), attempt, ATTEMPTS,
                        e.getMessage(), wait.toSeconds());
                schedule(mail, attempt + 1, wait);
            } else {
                keep(mail, e.getMessage());
            }
        }
    }

    private void deliver(Mail mail) throws MessagingException {
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
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("stopped with mail still being sent; check the outbox");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
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
