package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which column of another shop's CSV holds what Gatefold needs: the buyer's email (required),
 * the date, the amount and currency paid, and a name. A preset names the columns of one shop's
 * export; otherwise each field takes the first header among its usual spellings; a column given
 * by the artist wins over both. The table is docs/BUYERS-CSV.md.
 */
final class BuyerColumns {

    /** The fields, in the order they are shown. */
    static final List<String> FIELDS = List.of("email", "date", "amount", "currency", "name");

    /** Headers as the shops' exports spell them (compared ignoring case and surrounding spaces). */
    static final Map<String, Map<String, String>> PRESETS = Map.of(
            "bandcamp", Map.of("email", "buyer email", "date", "date", "amount", "item total", "currency", "currency",
                    "name", "buyer name"),
            "gumroad", Map.of("email", "purchase email", "date", "sale date", "amount", "sale price ($)", "name", "buyer name"));

    private static final Map<String, List<String>> USUAL = Map.of(
            "email", List.of("email", "buyer email", "purchase email", "customer email", "e-mail", "email address", "mail"),
            "date", List.of("date", "purchase date", "sale date", "created at", "created_at", "order date", "paid at", "timestamp"),
            "amount", List.of("amount", "item total", "total", "price", "paid", "sub total", "subtotal", "net amount",
                    "sale price ($)", "sale price"),
            "currency", List.of("currency", "currency code"),
            "name", List.of("name", "buyer name", "full name", "customer name", "buyer"));

    private BuyerColumns() {
    }

    /** For each field found, the index of its column; the email is required. */
    static Map<String, Integer> choose(List<String> header, Optional<String> preset, Map<String, String> given) {
        Map<String, String> named = new LinkedHashMap<>();
        preset.ifPresent(p -> {
            Map<String, String> columns = PRESETS.get(p.toLowerCase(Locale.ROOT));
            if (columns == null) {
                throw Refusal.invalid("No preset \"" + p + "\"; presets: " + PRESETS.keySet().stream().sorted().toList() + ".");
            }
            named.putAll(columns);
        });
        given.forEach((field, column) -> {
            if (!FIELDS.contains(field)) {
                throw Refusal.invalid("\"" + field + "\" is not a field; map one of " + FIELDS + ".");
            }
            named.put(field, column);
        });
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (named.containsKey(field)) {
                int at = indexOf(header, named.get(field));
                if (at < 0 && given.containsKey(field)) {
                    throw Refusal.invalid("The file has no column \"" + named.get(field) + "\"; it has " + header + ".");
                }
                if (at >= 0) {
                    chosen.put(field, at);
                    continue;
                }
            }
            USUAL.get(field).stream().mapToInt(name -> indexOf(header, name)).filter(i -> i >= 0).findFirst()
                    .ifPresent(i -> chosen.put(field, i));
        }
        if (!chosen.containsKey("email")) {
            throw Refusal.invalid("No column of the file looks like the buyers' email (it has " + header
                    + "); name it, for example email=\"Buyer Email\".");
        }
        return chosen;
    }

    private static int indexOf(List<String> header, String name) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).strip().equalsIgnoreCase(name.strip())) {
                return i;
            }
        }
        return -1;
    }
}
