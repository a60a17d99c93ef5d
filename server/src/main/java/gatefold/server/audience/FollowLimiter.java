package gatefold.server.audience;

import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Limits follow requests per address bucket and per email, so the form cannot be used to
 * flood a stranger's inbox with confirmation mails. Counted in the database, so every
 * instance agrees.
 */
final class FollowLimiter {

    static final Duration WINDOW = Duration.ofHours(1);
    static final int PER_ADDRESS = 20;
    static final int PER_EMAIL = 3;
    private final Jdbi jdbi;

    FollowLimiter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Counts this request, or refuses it with 429 when the address or the email asked too often. */
    void admit(ClientAddress from, String email, Instant now) {
        Instant since = now.minus(WINDOW);
        String byAddress = "ip:" + from.bucket();
        String byEmail = "email:" + email;
        jdbi.useHandle(h -> {
            if (count(h, byAddress, since) >= PER_ADDRESS || count(h, byEmail, since) >= PER_EMAIL) {
                throw Refusal.tooMany("Too many follow requests; wait an hour and try again.", WINDOW);
            }
            for (String bucket : new String[] {byAddress, byEmail}) {
                h.createUpdate("INSERT INTO follow_requests (bucket, requested_at) VALUES (:b, :at)")
                        .bind("b", bucket).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM follow_requests WHERE requested_at < :before")
                    .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
        });
    }

    private static int count(Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM follow_requests WHERE bucket = :b AND requested_at > :since")
                .bind("b", bucket).bind("since", since).mapTo(Integer.class).one();
    }
}
