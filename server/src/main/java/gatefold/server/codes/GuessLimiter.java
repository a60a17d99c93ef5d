package gatefold.server.codes;

import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows code guessing. Wrong codes are counted for 15 minutes per address bucket (an IPv4
 * address or an IPv6 /64) and for the whole store; either at its limit answers 429 until
 * the window moves on. Kept in the database so every instance agrees.
 *
 * <p>The numbers: a code is 40 random bits, about 1.1e12 possibilities. With the store's
 * ceiling of 200 wrong codes per 15 minutes (19,200 a day), a store with 10,000 live codes
 * loses one to guessing about every 16 years; without it, a botnet of 100,000 addresses at
 * 20 each would find about two a day. 200 is ten times the typos of a gig where 500 fans
 * redeem cards within the hour; while a botnet holds the ceiling, fans wait at most 15 minutes.
 */
final class GuessLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 20;
    static final int PER_STORE = 200;
    private final Jdbi jdbi;

    GuessLimiter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void check(ClientAddress from) {
        Instant since = Instant.now().minus(WINDOW);
        boolean refused = jdbi.withHandle(h -> count(h, "ip:" + from.bucket(), since) >= PER_ADDRESS
                || count(h, "all", since) >= PER_STORE);
        if (refused) {
            throw Refusal.tooMany("Too many wrong codes were tried; wait 15 minutes and try again.", WINDOW);
        }
    }

    void failed(ClientAddress from) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            for (String bucket : new String[] {"ip:" + from.bucket(), "all"}) {
                h.createUpdate("INSERT INTO download_code_failures (bucket, failed_at) VALUES (:b, :at)")
                        .bind("b", bucket).bind("at", now).execute();
            }
            h.createUpdate("DELETE FROM download_code_failures WHERE failed_at < :before")
                    .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
        });
    }

    private static int count(Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM download_code_failures WHERE bucket = :b AND failed_at > :since")
                .bind("b", bucket).bind("since", since).mapTo(Integer.class).one();
    }
}
