package gatefold.server.moving;

import gatefold.server.common.Refusal;
import gatefold.server.security.MasterKey;
import gatefold.server.security.SecretBox;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Seals the secrets an export carries (payment keys, webhook secrets, link keys) under a key
 * made from a passphrase the operator types, so the archive alone unlocks nothing. The same
 * AES-256-GCM sealing as the instance's own secrets, with the same labels.
 */
final class Passphrase {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int ITERATIONS = 310_000;
    private static final int MIN_LENGTH = 12;

    private Passphrase() {
    }

    static SecretBox box(char[] passphrase, Manifest.Kdf kdf) {
        if (!ALGORITHM.equals(kdf.algorithm()) || kdf.iterations() < 100_000 || kdf.iterations() > 10_000_000) {
            throw Refusal.invalid("The archive's secrets are sealed with a key derivation this Gatefold does not accept.");
        }
        try {
            PBEKeySpec spec = new PBEKeySpec(passphrase, Base64.getDecoder().decode(kdf.salt()), kdf.iterations(), 256);
            byte[] key = SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
            return new SecretBox(MasterKey.load(Optional.of(Base64.getEncoder().encodeToString(key)), Path.of(".")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw Refusal.invalid("The archive's key derivation settings are damaged.");
        }
    }

    static void checkStrength(char[] passphrase) {
        if (passphrase == null || passphrase.length < MIN_LENGTH) {
            throw Refusal.invalid("A passphrase for secrets needs at least " + MIN_LENGTH + " characters.");
        }
    }
}
