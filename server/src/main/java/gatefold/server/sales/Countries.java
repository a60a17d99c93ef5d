package gatefold.server.sales;

import gatefold.server.common.Refusal;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The countries a fan can say they live in (ISO 3166-1 alpha-2), and a guess from their
 * browser's language: only a language with a region says where someone is (de-AT is
 * Austria); a bare "de" could be Germany, Austria or Switzerland, so it guesses nothing.
 */
public final class Countries {

    private static final Set<String> CODES = Set.of(Locale.getISOCountries());
    private static final List<Country> ALL = CODES.stream()
            .map(code -> new Country(code, new Locale("", code).getDisplayCountry(Locale.ENGLISH)))
            .sorted(Comparator.comparing(Country::name)).toList();

    /** A country as a select shows it. */
    public record Country(String code, String name) {
    }

    private Countries() {
    }

    public static List<Country> all() {
        return ALL;
    }

    public static boolean known(String code) {
        return code != null && CODES.contains(code);
    }

    /** The code as given ("at" or "AT"), or a refusal naming {@code field}. */
    public static String code(String raw, String field) {
        String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (!known(code)) {
            String shown = code.length() > 10 ? code.substring(0, 10) + "…" : code;
            throw Refusal.invalid("'" + field + "': '" + shown + "' is not a country code (ISO 3166-1 alpha-2) such as DE or AT.");
        }
        return code;
    }

    /** The first region named in an Accept-Language header that is a country, if any. */
    public static Optional<String> fromAcceptLanguage(String header) {
        if (header == null || header.isBlank() || header.length() > 500) {
            return Optional.empty();
        }
        List<Locale.LanguageRange> ranges;
        try {
            ranges = Locale.LanguageRange.parse(header);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        for (Locale.LanguageRange range : ranges) {
            String[] parts = range.getRange().split("-");
            for (int i = 1; i < parts.length; i++) {
                String region = parts[i].toUpperCase(Locale.ROOT);
                if (region.length() == 2 && known(region)) {
                    return Optional.of(region);
                }
            }
        }
        return Optional.empty();
    }
}
