package gatefold.server.mail;

import gatefold.server.db.Sql;
import gatefold.server.jobs.JobContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * A mail-out: one mail to each address on a list (an announcement to followers, "we moved" to
 * buyers), paced to GATEFOLD_SMTP_PER_MINUTE. Each address is recorded in {@code announcement_mails}
 * under the mail-out's key before its mail leaves, inside the queue's at-most-once effect, so a
 * restart, a second run or a second instance carries on with whoever is left and mails nobody twice.
 */
public final class MailOut {

    private final Jdbi jdbi;
    private final Mailer mailer;
    private final Duration pause;
    private final Clock clock;

    public MailOut(Jdbi jdbi, Mailer mailer, int perMinute, Clock clock) {
        this.jdbi = jdbi;
        this.mailer = mailer;
        this.pause = Duration.ofMillis(60_000L / perMinute);
        this.clock = clock;
    }

    /**
     * Mails each address not yet mailed under {@code key} what {@code mailFor} gives it; an empty
     * mail passes the address over (someone who unsubscribed meanwhile) without a pause.
     */
    public void send(JobContext ctx, String key, List<String> emails, Function<String, Optional<Mail>> mailFor) throws Exception {
        boolean first = true;
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            Optional<Mail> mail = mailedAlready(key, email) ? Optional.empty() : mailFor.apply(email);
            if (mail.isEmpty()) {
                continue;
            }
            if (!first) {
                Thread.sleep(pause.toMillis());
            }
            first = false;
            ctx.once("to:" + email, () -> {
                if (record(key, email)) {
                    mailer.send(mail.get());
                }
            });
            ctx.progress((i + 1) / (double) emails.size());
        }
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
