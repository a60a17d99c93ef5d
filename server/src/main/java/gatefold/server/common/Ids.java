package gatefold.server.common;

import gatefold.server.security.Tokens;
import java.util.concurrent.ThreadLocalRandom;

/** Opaque random ids with a readable prefix, e.g. {@code rel_3kT9...}: 128 random bits, URL-safe. */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + Tokens.randomBase64(16);
    }

    /**
     * An id of the same form whose text sorts by creation time (to the millisecond), then
     * 80 random bits: for rows written in great numbers and never looked up by a fan, such
     * as the download log, where ids in time order keep every insert at the end of the index.
     */
    public static String ordered(String prefix) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long millis = System.currentTimeMillis();
        long high = millis << 16 | random.nextInt(1 << 16);
        long low = random.nextLong();
        char[] text = new char[22];
        // 128 bits, six at a time from the top, in an alphabet listed in ASCII order.
        for (int i = 0; i < 22; i++) {
            int shift = 122 - 6 * i;
            int six = (int) ((shift >= 64 ? high >>> (shift - 64) : (high << (64 - shift)) | (low >>> shift)) & 63);
            if (shift < 0) {
                six = (int) ((low << -shift) & 63);
            }
            text[i] = SORTED_ALPHABET.charAt(six);
        }
        return prefix + "_" + new String(text);
    }

    private static final String SORTED_ALPHABET = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz";

    /** True when the value could be an id we issued with this prefix (cheap rejection of junk). */
    public static boolean looksLike(String prefix, String value) {
        return value != null && value.length() == prefix.length() + 1 + 22 && value.startsWith(prefix + "_")
                && value.substring(prefix.length() + 1).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
