package gatefold.server.mail;

import gatefold.server.common.Ids;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Mail waiting for its {@link SmtpMailer#SEND} job, in {@code mail_waiting} (V25): the body is too big for a job's payload. */
final class WaitingMail {

    private final Jdbi jdbi;

    WaitingMail(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Keeps {@code mail} in the caller's transaction; returns its id. */
    static String add(Handle h, Mail mail, Instant now) {
        String id = Ids.ordered("mail");
        h.createUpdate("""
                INSERT INTO mail_waiting (id, to_address, reply_to, subject, body, headers, created_at)
                VALUES (:id, :to, :replyTo, :subject, :body, :headers, :now)""")
                .bind("id", id).bind("to", mail.to()).bind("replyTo", mail.replyTo()).bind("subject", mail.subject())
                .bind("body", mail.text()).bind("headers", encode(mail.headers())).bind("now", now).execute();
        return id;
    }

    Optional<Mail> find(String id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT to_address, subject, body, reply_to, headers FROM mail_waiting WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> new Mail(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        decode(rs.getString(5))))
                .findOne());
    }

    /** One "Name: value" a line; {@link Mail} already refuses line breaks inside a header. */
    private static String encode(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append('\n'));
        return out.toString();
    }

    private static Map<String, String> decode(String lines) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (lines != null) {
            for (String line : lines.split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    headers.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
        }
        return headers;
    }

    void remove(String id) {
        jdbi.useHandle(h -> remove(h, id));
    }

    /** Sent or given up: the mail leaves the queue in the caller's transaction. */
    static void remove(Handle h, String id) {
        h.createUpdate("DELETE FROM mail_waiting WHERE id = :id").bind("id", id).execute();
    }
}
