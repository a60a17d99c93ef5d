package gatefold.server.accounts;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * URL-safe slugs from names people actually have: "Sigur Rós" becomes {@code sigur-ros},
 * "Мумий Тролль" {@code mumiy-troll}, "Ærøskøbing" {@code aeroskobing}. A taken slug gets
 * {@code -2}, {@code -3}, and so on.
 */
public final class Slugs {

    private static final Map<Character, String> SPECIAL = Map.ofEntries(
            Map.entry('ß', "ss"), Map.entry('æ', "ae"), Map.entry('ø', "o"), Map.entry('œ', "oe"),
            Map.entry('ł', "l"), Map.entry('đ', "d"), Map.entry('ð', "d"), Map.entry('þ', "th"),
            Map.entry('ı', "i"), Map.entry('&', "and"));

    private static final String CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя";
    private static final String[] CYRILLIC_LATIN = {"a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m",
        "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya"};
    private static final String GREEK = "αβγδεζηθικλμνξοπρσςτυφχψω";
    private static final String[] GREEK_LATIN = {"a", "v", "g", "d", "e", "z", "i", "th", "i", "k", "l", "m", "n", "x", "o",
        "p", "r", "s", "s", "t", "y", "f", "ch", "ps", "o"};

    public static final int MAX_LENGTH = 60;

    private Slugs() {
    }

    public static String of(String name, String fallback) {
        String lower = Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder latin = new StringBuilder();
        for (char c : lower.toCharArray()) {
            int cyr = CYRILLIC.indexOf(c);
            int gr = GREEK.indexOf(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0));
            if (SPECIAL.containsKey(c)) {
                latin.append(SPECIAL.get(c));
            } else if (cyr >= 0) {
                latin.append(CYRILLIC_LATIN[cyr]);
            } else if (gr >= 0) {
                latin.append(GREEK_LATIN[gr]);
            } else {
                latin.append(c);
            }
        }
        String ascii = Normalizer.normalize(latin, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** The slug itself if free, else the first free {@code slug-N}. */
    public static String unique(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
    }

    public static boolean isValid(String slug) {
        return slug != null && slug.length() <= MAX_LENGTH && slug.matches("[a-z0-9]+(-[a-z0-9]+)*");
    }
}
