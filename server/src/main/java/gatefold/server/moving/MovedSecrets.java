package gatefold.server.moving;

import gatefold.server.common.Refusal;
import gatefold.server.security.SecretBox;
import gatefold.server.security.SecretUnreadableException;
import gatefold.server.security.Tokens;
import java.util.Map;
import java.util.Optional;

/**
 * Moves sealed columns from one master key to another. On export a value is opened with this
 * instance's key and then written as it is (a buyer's invoice link token), sealed under the
 * passphrase, or left out. On import it is sealed again under the new instance's key; a secret
 * left out becomes null, except a seller webhook's, which gets a fresh secret the artist
 * copies from the dashboard (the column may not be empty).
 */
final class MovedSecrets {

    private final SecretBox instance;
    private final Optional<SecretBox> passphrase;
    private int unreadable;

    MovedSecrets(SecretBox instance, Optional<SecretBox> passphrase) {
        this.instance = instance;
        this.passphrase = passphrase;
    }

    /** Rewrites the row's sealed columns for the archive. */
    void exportRow(String table, Map<String, Object> row) {
        for (MovedTables.Sealed sealed : MovedTables.sealedIn(table)) {
            Object value = row.get(sealed.column());
            if (value == null) {
                continue;
            }
            String label = sealed.label().apply(row);
            try {
                byte[] plain = instance.open(label, value.toString());
                row.put(sealed.column(), sealed.carried() ? new String(plain, java.nio.charset.StandardCharsets.UTF_8)
                        : passphrase.map(box -> box.seal(label, plain)).orElse(null));
            } catch (SecretUnreadableException e) {
                unreadable++;
                row.put(sealed.column(), null);
            }
        }
    }

    /** Rewrites the row's sealed columns for this instance. */
    void importRow(String table, Map<String, Object> row) {
        for (MovedTables.Sealed sealed : MovedTables.sealedIn(table)) {
            Object value = row.get(sealed.column());
            String label = sealed.label().apply(row);
            if (value == null) {
                if (table.equals("seller_webhooks")) {
                    row.put(sealed.column(), instance.seal(label, Tokens.randomBase64(32)));
                }
                continue;
            }
            if (sealed.carried()) {
                row.put(sealed.column(), instance.seal(label, value.toString()));
                if (table.equals("invoices")) {
                    row.put("token_hash", Tokens.hash(value.toString()));
                }
                continue;
            }
            SecretBox box = passphrase.orElseThrow(() -> Refusal.invalid(
                    "The archive carries sealed secrets: give the passphrase it was exported with."));
            try {
                row.put(sealed.column(), instance.seal(label, box.open(label, value.toString())));
            } catch (SecretUnreadableException e) {
                throw Refusal.forbidden("wrong_passphrase", "The passphrase does not open the archive's secrets.");
            }
        }
    }

    /** Sealed values this instance could not open on export (sealed under another key): they were left out. */
    int unreadable() {
        return unreadable;
    }
}
