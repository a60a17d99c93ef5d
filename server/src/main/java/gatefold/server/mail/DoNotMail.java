package gatefold.server.mail;

import gatefold.server.common.Emails;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every mail passes here before it is sent or kept: an address its fan asked to be forgotten is
 * dropped. An operator's erasure stops every mail to it; an artist's stops that artist's mail, told
 * by the mail's Reply-To (artist mail to fans replies to the artist). Erased purchases carry an
 * address under {@code .invalid}, which is never mailed either.
 */
public final class DoNotMail implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(DoNotMail.class);
    private final Jdbi jdbi;
    private final Mailer next;

    public DoNotMail(Jdbi jdbi, Mailer next) {
        this.jdbi = jdbi;
        this.next = next;
    }

    /** What the list keeps of an address: the SHA-256 (hex) of its canonical spelling. */
    public static String hash(String email) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Emails.canonical(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether a mail to {@code to} from the artist with {@code artistId} (empty: the store) may go. */
    public boolean allowed(String to, Optional<String> artistId) {
        if (Emails.canonical(to).endsWith(".invalid")) {
            return false;
        }
        List<String> scopes = jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(artist_id, '*') FROM do_not_mail WHERE email_hash = :h")
                .bind("h", hash(to)).mapTo(String.class).list());
        return scopes.stream().noneMatch(s -> s.equals("*") || artistId.filter(s::equals).isPresent());
    }

    @Override
    public void send(Mail mail) {
        if (allowed(mail.to(), sender(mail))) {
            next.send(mail);
        } else {
            LOG.info("mail not sent: its address asked to be forgotten ({})", mail.subject());
        }
    }

    private Optional<String> sender(Mail mail) {
        if (mail.replyTo() == null || mail.replyTo().isBlank()) {
            return Optional.empty();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM artists WHERE email = :e")
                .bind("e", Emails.canonical(mail.replyTo())).mapTo(String.class).findFirst());
    }

    @Override
    public void close() {
        next.close();
    }
}
