package gatefold.server.accounts;

import gatefold.server.db.Sql;
import gatefold.server.security.InstanceSettings;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Where each artist has signed in successfully before: (email, address bucket) pairs, kept
 * only as an HMAC under a key sealed with the master key, so the database alone never tells
 * where an artist lives. A stranger who fills an account's or the store's failure limits
 * cannot keep its artist out from a place they have signed in from.
 */
final class KnownAddresses {

    static final Duration KEPT = Duration.ofDays(180);
    private final Jdbi jdbi;
    private final byte[] key;

    KnownAddresses(Jdbi jdbi, byte[] key) {
        this.jdbi = jdbi;
        this.key = key.clone();
    }

    static KnownAddresses open(Jdbi jdbi, InstanceSettings settings, SecretBox secrets) {
        String sealed = settings.getOrCreate("known_signin_key",
                () -> secrets.seal("known_signin_key", Tokens.randomBytes(32))).value();
        return new KnownAddresses(jdbi, secrets.open("known_signin_key", sealed));
    }

    /** The stored form of (email, bucket): the email as limits count it, the client's address bucket. */
    String pair(String canonicalEmail, String bucket) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] out = mac.doFinal((canonicalEmail + "\n" + bucket).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    boolean has(String pair) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM known_signins WHERE pair_hash = :pair AND last_at > :since")
                .bind("pair", pair).bind("since", Instant.now().minus(KEPT)).mapTo(Integer.class).one()) > 0;
    }

    void remember(String pair) {
        Instant now = Instant.now();
        jdbi.useHandle(h -> {
            int updated = h.createUpdate("UPDATE known_signins SET last_at = :now WHERE pair_hash = :pair")
                    .bind("pair", pair).bind("now", now).execute();
            if (updated == 0) {
                try {
                    h.createUpdate("INSERT INTO known_signins (pair_hash, last_at) VALUES (:pair, :now)")
                            .bind("pair", pair).bind("now", now).execute();
                } catch (UnableToExecuteStatementException e) {
                    if (!Sql.isUniqueViolation(e)) {
                        throw e;
                    }
                    // The same artist signed in from the same place on another request a moment ago.
                }
            }
            h.createUpdate("DELETE FROM known_signins WHERE last_at < :before").bind("before", now.minus(KEPT)).execute();
        });
    }
}
