package gatefold.server.mail;

import gatefold.server.common.Ids;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.reflect.ConstructorMapper;

/**
 * Mail that Gatefold could not hand to an SMTP server (none configured, or it kept
 * failing), kept in the database so the admin can read it and pass it on.
 */
public final class Outbox {

    private final Jdbi jdbi;

    public Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public OutboxEntry keep(Mail mail) {
        return jdbi.withHandle(h -> keep(h, mail));
    }

    /** Keeps {@code mail} in the caller's transaction. */
    static OutboxEntry keep(Handle h, Mail mail) {
        OutboxEntry entry = new OutboxEntry(Ids.next("mail"), mail.to(), mail.subject(), mail.text(), Instant.now(), false);
        h.createUpdate("""
                INSERT INTO mail_outbox (id, to_address, subject, body, created_at, sent)
                VALUES (:id, :toAddress, :subject, :body, :createdAt, :sent)""").bindMethods(entry).execute();
        return entry;
    }

    /** The admin passed the mail on by hand; false when there is no such mail. */
    public boolean markSent(String id) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE mail_outbox SET sent = TRUE WHERE id = :id").bind("id", id).execute()) == 1;
    }

    /** Newest first. */
    public List<OutboxEntry> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM mail_outbox ORDER BY created_at DESC, id LIMIT :limit")
                .bind("limit", limit)
                .registerRowMapper(ConstructorMapper.factory(OutboxEntry.class))
                .mapTo(OutboxEntry.class).list());
    }
}
