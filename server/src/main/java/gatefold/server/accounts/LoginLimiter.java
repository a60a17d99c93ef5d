package gatefold.server.accounts;

import gatefold.server.common.Emails;
import gatefold.server.common.Refusal;
import gatefold.server.http.ClientAddress;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.SecretBox;
import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Slows password guessing, wherever a password is checked (dashboard sign-in, API tokens,
 * the current password of a profile change). Failures within 15 minutes are counted per
 * account (by the email as {@link Emails#canonical} spells it), per address bucket (an
 * IPv4 address or an IPv6 /64) and for the whole store; any count at its limit answers 429.
 *
 * <p>A stranger who knows an artist's email can fill the account's count, and a botnet the
 * store's, but neither locks the artist out: from an address bucket where this account has
 * signed in successfully before, only that pair's own failures count. (And an emailed
 * sign-in link needs no password at all.) Kept in the database, so every instance agrees.
 */
public final class LoginLimiter {

    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Ten tries cover any typo; beyond that it is guessing. */
    public static final int PER_ACCOUNT = 10;
    /** An office or a phone carrier's shared address may hold a few artists. */
    public static final int PER_ADDRESS = 30;
    /** About ten times the failures of a store with a thousand artists on a bad day; a password-spraying botnet stops here. */
    public static final int PER_STORE = 100;
    static final String TOO_MANY = "Too many failed sign-ins; wait 15 minutes and try again, or ask for an emailed sign-in link.";
    private final Jdbi jdbi;
    private final KnownAddresses known;

    LoginLimiter(Jdbi jdbi, KnownAddresses known) {
        this.jdbi = jdbi;
        this.known = known;
    }

    public static LoginLimiter open(Jdbi jdbi, InstanceSettings settings, SecretBox secrets) {
        return new LoginLimiter(jdbi, KnownAddresses.open(jdbi, settings, secrets));
    }

    /** What {@link #admit} let through: report how it went. */
    public final class Attempt {
        private final String account;
        private final String address;
        private final String pair;
        private final boolean fromKnownPlace;

        private Attempt(String account, String address, String pair, boolean fromKnownPlace) {
            this.account = account;
            this.address = address;
            this.pair = pair;
            this.fromKnownPlace = fromKnownPlace;
        }

        public void failed() {
            Instant now = Instant.now();
            jdbi.useHandle(h -> {
                record(h, "email:" + account, now);
                record(h, "ip:" + address, now);
                record(h, "all", now);
                if (fromKnownPlace) {
                    record(h, "pair:" + pair, now);
                }
                h.createUpdate("DELETE FROM login_failures WHERE failed_at < :before")
                        .bind("before", now.minus(WINDOW.multipliedBy(2))).execute();
            });
        }

        /** The password was right (or an emailed link was used): this place is known from now on. */
        public void succeeded() {
            known.remember(pair);
        }
    }

    /** Lets a password check go ahead, or refuses it with 429 when a count is at its limit. */
    public Attempt admit(String email, ClientAddress from) {
        String account = Emails.canonical(email);
        String pair = known.pair(account, from.bucket());
        boolean fromKnownPlace = known.has(pair);
        Instant since = Instant.now().minus(WINDOW);
        boolean refused = jdbi.withHandle(h -> fromKnownPlace
                ? count(h, "pair:" + pair, since) >= PER_ACCOUNT
                : count(h, "email:" + account, since) >= PER_ACCOUNT || count(h, "ip:" + from.bucket(), since) >= PER_ADDRESS
                        || count(h, "all", since) >= PER_STORE);
        if (refused) {
            throw Refusal.tooMany(TOO_MANY, WINDOW);
        }
        return new Attempt(account, from.bucket(), pair, fromKnownPlace);
    }

    /** A sign-in that needed no password (an emailed link): remembers the place like a right password. */
    public void signedInWithoutPassword(String email, ClientAddress from) {
        known.remember(known.pair(Emails.canonical(email), from.bucket()));
    }

    private static int count(Handle h, String bucket, Instant since) {
        return h.createQuery("SELECT COUNT(*) FROM login_failures WHERE bucket = :bucket AND failed_at > :since")
                .bind("bucket", bucket).bind("since", since).mapTo(Integer.class).one();
    }

    private static void record(Handle h, String bucket, Instant at) {
        h.createUpdate("INSERT INTO login_failures (bucket, failed_at) VALUES (:bucket, :at)").bind("bucket", bucket).bind("at", at)
                .execute();
    }
}
