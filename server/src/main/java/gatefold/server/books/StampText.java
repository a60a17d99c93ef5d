package gatefold.server.books;

import gatefold.server.common.Refusal;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one buyer's copy says: the artist's wording with NAME, EMAIL, ORDER and DATE filled
 * in. The date is the purchase's (UTC), never today's, so the same purchase always gives
 * the same bytes. A buyer without a name is named by email alone.
 */
public record StampText(String wording, String name, String email, String orderId, LocalDate date) {

    public static final String DEFAULT_WORDING = "Licensed to NAME (EMAIL) \u00b7 order ORDER \u00b7 DATE";
    public static final int MAX_WORDING = 300;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\b(NAME|EMAIL|ORDER|DATE)\\b");

    public StampText {
        wording = wording == null || wording.isBlank() ? DEFAULT_WORDING : wording;
        name = name == null ? "" : name;
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(date, "date");
    }

    /** With the default wording. */
    public static StampText of(String name, String email, String orderId, LocalDate date) {
        return new StampText(DEFAULT_WORDING, name, email, orderId, date);
    }

    public StampText withWording(String newWording) {
        return new StampText(newWording, name, email, orderId, date);
    }

    /** Refuses wording an artist may not choose: too long, or naming neither the buyer nor their email. */
    public static void checkWording(String wording) {
        if (wording == null || wording.isBlank()) {
            return;
        }
        if (wording.length() > MAX_WORDING) {
            throw Refusal.invalid("The stamp wording can be at most " + MAX_WORDING + " characters.");
        }
        if (!wording.contains("NAME") && !wording.contains("EMAIL")) {
            throw Refusal.invalid("The stamp wording must include NAME or EMAIL, so each copy says whom it was sold to.");
        }
    }

    /** The full line, exact Unicode, on one line. */
    public String line() {
        String buyer = clean(name);
        String address = clean(email);
        String words = clean(wording);
        if (buyer.isEmpty()) {
            // "NAME (EMAIL)" would read "(a@b)": say the address once instead.
            words = words.replace("NAME (EMAIL)", "EMAIL");
            buyer = words.contains("EMAIL") ? "" : address;
        }
        Matcher m = PLACEHOLDER.matcher(words);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "NAME" -> buyer;
                case "EMAIL" -> address;
                case "ORDER" -> order();
                default -> date.toString();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return clean(out.toString());
    }

    /** The order id as the invisible mark carries it. */
    public String order() {
        return clean(orderId);
    }

    /**
     * NFC, with control characters, line breaks, lone surrogates and non-characters turned
     * into spaces (they are unsafe in XML and PDF strings), runs of spaces made one.
     */
    static String clean(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean unsafe = Character.isISOControl(cp) || Character.isWhitespace(cp) || (cp >= 0xd800 && cp <= 0xdfff)
                    || cp == 0x2028 || cp == 0x2029 || (cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef);
            if (unsafe) {
                if (out.length() > 0 && out.charAt(out.length() - 1) != ' ') {
                    out.append(' ');
                }
            } else {
                out.appendCodePoint(cp);
            }
        }
        return out.toString().strip();
    }
}
