package gatefold.server.observe;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The id that ties a request's log lines to the answer its client got ({@code X-Request-Id}).
 * A proxy in front may send its own (nginx's {@code $request_id}), so logs on both sides
 * match; anything else a client sends is taken only if it is a short run of safe
 * characters, so no header can forge or break a log line. Otherwise a new one is made.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    static final int MAX_LENGTH = 64;
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 16;

    private RequestId() {
    }

    /** The incoming id when it is safe to log as it is, else a new one. */
    public static String acceptOrMake(String incoming) {
        return incoming != null && isSafe(incoming) ? incoming : make();
    }

    /** 1 to 64 of letters, digits, '-', '_', '.' and ':' (UUIDs, nginx's hex ids, trace ids). */
    static boolean isSafe(String id) {
        int n = id.length();
        if (n == 0 || n > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.'
                    || c == ':';
            if (!safe) {
                return false;
            }
        }
        return true;
    }

    /** 16 random base-36 characters (about 82 bits): unique enough to find one request, and not a secret. */
    static String make() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        char[] id = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
