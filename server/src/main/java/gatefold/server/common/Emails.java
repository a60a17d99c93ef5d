package gatefold.server.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as Gatefold keeps them: trimmed, NFC, lower-cased, plausibly shaped, at most 320 characters. */
public final class Emails {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}\\.[^@\\s.]{2,63}");

    private Emails() {
    }

    public static String normalize(String email) {
        String canonical = canonical(email);
        if (canonical.length() > 320 || !SHAPE.matcher(canonical).matches()) {
            throw Refusal.invalid("'email' must be an email address.");
        }
        return canonical;
    }

    /**
     * One spelling per address, whatever was typed (" A@x.com", a decomposed "é"), without
     * checking the shape: what accounts are looked up by, and what limits count by.
     */
    public static String canonical(String email) {
        String nfc = Normalizer.normalize(email == null ? "" : email.strip(), Normalizer.Form.NFC);
        return Normalizer.normalize(nfc.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }
}
