package gatefold.server.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts small secrets for storage with AES-256-GCM under the master key. The stored
 * form is {@code v1.<base64 nonce+ciphertext>}; a label binds each value to its use so a
 * ciphertext copied to another column does not decrypt.
 */
public final class SecretBox {

    private static final String PREFIX = "v1.";
    private static final int NONCE_BYTES = 12;
    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    public SecretBox(MasterKey masterKey) {
        this.key = new SecretKeySpec(Arrays.copyOf(masterKey.bytes(), 32), "AES");
    }

    public String seal(String label, byte[] plaintext) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed);
            return PREFIX + Base64.getEncoder().encodeToString(out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }

    public String seal(String label, String plaintext) {
        return seal(label, plaintext.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws SecretUnreadableException when the value was sealed under another key or label */
    public byte[] open(String label, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            throw new SecretUnreadableException(label);
        }
        try {
            byte[] all = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            cipher.updateAAD(label.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SecretUnreadableException(label);
        }
    }

    public String openString(String label, String stored) {
        return new String(open(label, stored), StandardCharsets.UTF_8);
    }
}
