package gatefold.server.common;

import gatefold.server.security.Tokens;

/** Opaque random ids with a readable prefix, e.g. {@code rel_3kT9...}: 128 random bits, URL-safe. */
public final class Ids {

    private Ids() {
    }

    public static String next(String prefix) {
        return prefix + "_" + Tokens.randomBase64(16);
    }

    /** True when the value could be an id we issued with this prefix (cheap rejection of junk). */
    public static boolean looksLike(String prefix, String value) {
        return value != null && value.length() == prefix.length() + 1 + 22 && value.startsWith(prefix + "_")
                && value.substring(prefix.length() + 1).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_');
    }
}
