package gatefold.server.delivery;

import gatefold.server.db.Sql;
import gatefold.server.security.SecretBox;
import gatefold.server.security.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The 256-bit HS256 keys that sign download links, shared by every instance through the
 * database (sealed with the master key). One key signs; keys retired by a rotation keep
 * verifying until the last link they signed has expired. Kept in memory and reloaded
 * every minute, or at once when a link names a key this instance has not seen; the signing
 * key is checked every second, so a rotation anywhere in the cluster signs everywhere at once.
 */
public final class LinkKeys {

    private static final String LABEL = "link_key";
    private static final Duration RELOAD_EVERY = Duration.ofMinutes(1);
    /** Signing is rarer than verifying (a sale, a receipt page), and a retired key must stop signing. */
    private static final Duration SIGN_WITH_KEY_AT_MOST = Duration.ofSeconds(1);
    private final Jdbi jdbi;
    private final SecretBox secrets;
    private volatile Loaded loaded = new Loaded(null, Map.of(), Instant.EPOCH);

    private record Loaded(String activeKid, Map<String, byte[]> secrets, Instant at) {
    }

    public record SigningKey(String kid, byte[] secret) {
    }

    public LinkKeys(Jdbi jdbi, SecretBox secrets) {
        this.jdbi = jdbi;
        this.secrets = secrets;
    }

    private DeliveryDao dao() {
        return jdbi.onDemand(DeliveryDao.class);
    }

    /** Makes sure a signing key exists (first start), then loads the keys. */
    public LinkKeys ensure() {
        if (dao().usableKeys(Instant.now()).stream().noneMatch(LinkKey::active)) {
            try {
                dao().insertKey(fresh());
            } catch (UnableToExecuteStatementException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                // Another instance created one at the same moment; both keys verify, the newest signs.
            }
        }
        reload();
        return this;
    }

    /** Adds a new signing key; links signed by the old ones stay valid for {@code linkLifetime}. */
    public String rotate(Duration linkLifetime) {
        LinkKey key = fresh();
        jdbi.useTransaction(h -> {
            DeliveryDao tx = h.attach(DeliveryDao.class);
            tx.insertKey(key);
            tx.retireAllBut(key.kid(), Instant.now().plus(linkLifetime));
        });
        reload();
        return key.kid();
    }

    public SigningKey signingKey() {
        Loaded current = loaded;
        if (Instant.now().isAfter(current.at().plus(SIGN_WITH_KEY_AT_MOST))) {
            current = reload();
        }
        return new SigningKey(current.activeKid(), current.secrets().get(current.activeKid()));
    }

    public Optional<byte[]> verifyingKey(String kid) {
        Loaded current = fresh(loaded);
        byte[] secret = current.secrets().get(kid);
        if (secret != null) {
            return Optional.of(secret);
        }
        // Another instance may have rotated: one primary-key lookup, and a reload if the key is real.
        if (kid.length() > 40 || dao().usableKey(kid, Instant.now()).isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(reload().secrets().get(kid));
    }

    private Loaded fresh(Loaded current) {
        return Instant.now().isAfter(current.at().plus(RELOAD_EVERY)) ? reload() : current;
    }

    private synchronized Loaded reload() {
        List<LinkKey> keys = dao().usableKeys(Instant.now());
        Map<String, byte[]> bytes = new HashMap<>();
        String active = null;
        for (LinkKey key : keys) {
            bytes.put(key.kid(), secrets.open(LABEL, key.sealedSecret()));
            if (key.active()) {
                active = key.kid();
            }
        }
        Loaded next = new Loaded(active, Map.copyOf(bytes), Instant.now());
        loaded = next;
        return next;
    }

    private LinkKey fresh() {
        String kid = Tokens.randomBase64(6);
        return new LinkKey(kid, secrets.seal(LABEL, Tokens.randomBytes(32)), true, Instant.now(), null);
    }
}
