package gatefold.server.accounts;

import gatefold.server.common.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: after too many failed sign-ins for one account, or from one
 * address, within the window, further attempts get 429 until the window moves on. Kept in
 * the database so every instance enforces the same limit.
 */
public final class LoginLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ACCOUNT = 10;
    static final int PER_ADDRESS = 30;
    private final ArtistDao dao;

    public LoginLimiter(ArtistDao dao) {
        this.dao = dao;
    }

    public void check(String email, String address) {
        Instant since = Instant.now().minus(WINDOW);
        if (dao.failuresSince(accountBucket(email), since) >= PER_ACCOUNT
                || dao.failuresSince(addressBucket(address), since) >= PER_ADDRESS) {
            throw Refusal.tooMany("Too many failed sign-ins; wait 15 minutes and try again.", WINDOW);
        }
    }

    public void failed(String email, String address) {
        Instant now = Instant.now();
        dao.recordFailure(accountBucket(email), now);
        dao.recordFailure(addressBucket(address), now);
        dao.forgetFailuresBefore(now.minus(WINDOW.multipliedBy(2)));
    }

    private static String accountBucket(String email) {
        return "email:" + email.toLowerCase(Locale.ROOT);
    }

    private static String addressBucket(String address) {
        return "ip:" + address;
    }
}
