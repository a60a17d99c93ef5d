package gatefold.server.codes;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Download codes as fans see them: {@code XXXX-XXXX} from 32 characters with no look-alikes
 * (no 0/O, no 1/I), so a code read off a card is typed right. 40 random bits each.
 * Stored without the dash; typing is forgiving about case, spaces and dashes.
 */
public final class CodeFormat {

    static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private CodeFormat() {
    }

    /** A fresh code, stored form (no dash). */
    static String generate() {
        char[] chars = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            chars[i] = ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }

    /** The stored form of what a fan typed, or empty when it cannot be a code. */
    public static Optional<String> normalize(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String compact = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (compact.length() != LENGTH || !compact.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(compact);
    }

    /** How a stored code is shown: {@code ABCD-EFGH}. */
    public static String display(String stored) {
        return stored.substring(0, LENGTH / 2) + "-" + stored.substring(LENGTH / 2);
    }
}
