package gatefold.server.common;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as Gatefold keeps them: trimmed, lower-cased, plausibly shaped, at most 320 characters. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}");

    private Emails() {
    }

    public static String normalize(String email) {
        String trimmed = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (trimmed.length() > 320 || !SHAPE.matcher(trimmed).matches()) {
            throw Refusal.invalid("'email' must be an email address.");
        }
        return trimmed;
    }
}
