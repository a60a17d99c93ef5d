package gatefold.server.codes;

import gatefold.server.common.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows code guessing: after 20 wrong codes from one address within 15 minutes, that
 * address gets 429 until the window moves on. Kept in the database so every instance agrees.
 */
final class GuessLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ADDRESS = 20;
    private final Jdbi jdbi;

    GuessLimiter(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void check(String address) {
        int failures = jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM download_code_failures WHERE bucket = :b AND failed_at > :since")
                .bind("b", bucket(address)).bind("since", Instant.now().minus(WINDOW)).mapTo(Integer.class).one());
        if (failures >= PER_ADDRESS) {
            throw Refusal.tooMany("Too many wrong codes were tried; wait 15 minutes and try again.", WINDOW);
        }
    }

    void failed(String address) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO download_code_failures (bucket, failed_at) VALUES (:b, :at)")
                    .bind("b", bucket(address)).bind("at", now).execute();
            h.createUpdate("DELETE FROM download_code_failures WHERE failed_at < :before")
                    .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
        });
    }

    private static String bucket(String address) {
        return "ip:" + address;
    }
}
