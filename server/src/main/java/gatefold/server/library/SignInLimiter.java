package gatefold.server.library;

import gatefold.server.common.Emails;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/**
 * Limits requests for sign-in links, per address bucket (an IPv4 address or an IPv6 /64)
 * and per email, so the form cannot be used to flood a fan's inbox. Counted in the
 * database, so every instance agrees.
 */
final class SignInLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 10;
    static final int PER_EMAIL = 5;
    private final Jdbi jdbi;

    SignInLimiter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Counts this request, or refuses it with 429 when the address or the email asked too often. */
    void admit(ClientAddress from, String email) {
        Instant now = Instant.now();
        Instant since = now.minus(WINDOW);
        String byAddress = "ip:" + from.bucket();
        String byEmail = "email:" + Emails.canonical(email);
        jdbi.useHandle(h -> {
            if (count(h, byAddress, since) >= PER_ADDRESS || count(h, byEmail, since) >= PER_EMAIL) {
                throw Refusal.tooMany("Too many sign-in links were asked for; wait 15 minutes and try again.", WINDOW);
            }
            for (String bucket : new String[] {byAddress, byEmail}) {
                h.createUpdate("INSERT INTO library_link_requests (bucket, requested_at) VALUES (:b, :at)")
                        .bind("b", bucket).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM library_link_requests WHERE requested_at < :before")
                    .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
        });
    }

    private static int count(org.jdbi.v3.core.Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM library_link_requests WHERE bucket = :b AND requested_at > :since")
                .bind("b", bucket).bind("since", since).mapTo(Integer.class).one();
    }
}
