package gatefold.server.moving;

import gatefold.server.common.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which column of another shop's CSV holds what Gatefold needs: the buyer's email (required),
 * the date, the amount and currency paid, and a name. A preset names the columns of one shop's
 * export; otherwise each field takes the first header among its usual spellings; a column given
 * by the artist wins over both, and an empty one given by the artist means the file has none. The table is docs/BUYERS-CSV.md.
 */
final class BuyerColumns {

    /** The fields, in the order they are shown. */
    static final List<String> FIELDS = List.of("email", "date", "amount", "currency", "name");

    /**
     * One shop's sales export: its headers for our fields (compared ignoring case and surrounding
     * spaces), and which rows are sales: a report also lists payouts, refunds or unpaid orders,
     * which are skipped and counted, not reported as bad rows.
     */
    record Preset(Map<String, String> columns, String saleColumn, Set<String> saleValues) {
        /** Whether the record is a sale; a file without the column keeps every row. */
        boolean isSale(List<String> header, BuyerCsv.Record record) {
            int at = saleColumn == null ? -1 : indexOf(header, saleColumn);
            return at < 0 || at >= record.cells().size()
                    || saleValues.contains(record.cells().get(at).strip().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * The mapping table (docs/BUYERS-CSV.md shows it too).
     * <ul>
     *   <li>bandcamp: the sales report's columns and item types as Bandcamp's help page "Reading your
     *       sales report" lists them (https://get.bandcamp.help/hc/articles/23020652228759, checked
     *       2026-12: date, paid to, item type = album/track/package/payout/reversal/refund, currency,
     *       item total); the buyer columns follow its Sales API's buyer_name/buyer_email fields
     *       (bandcamp.com/developer/sales), which the CSV writes with spaces.</li>
     *   <li>shopify: Admin, Orders, Export (one row per line item; order fields on the first row of an
     *       order only): Name is the order number, so the buyer's name is Billing Name; Financial Status
     *       says whether it was paid (column order as in https://docs.xbp.app/docs/development/integrations/shopify/order-format,
     *       checked 2026-12).</li>
     *   <li>gumroad: NOT verified from public material (its API names purchase_email and price; the CSV
     *       headers here are the commonly seen ones); name columns with --column if they differ.</li>
     * </ul>
     */
    static final Map<String, Preset> PRESETS = Map.of(
            "bandcamp", new Preset(Map.of("email", "buyer email", "date", "date", "amount", "item total", "currency", "currency",
                    "name", "buyer name"), "item type", Set.of("album", "track", "package")),
            "shopify", new Preset(Map.of("email", "email", "date", "paid at", "amount", "total", "currency", "currency",
                    "name", "billing name"), "financial status", Set.of("paid", "partially_refunded")),
            "gumroad", new Preset(Map.of("email", "purchase email", "date", "sale date", "amount", "sale price ($)",
                    "name", "buyer name"), null, Set.of()));

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
        preset.map(BuyerColumns::preset).ifPresent(p -> named.putAll(p.columns()));
        given.forEach((field, column) -> {
            if (!FIELDS.contains(field)) {
                throw Refusal.invalid("\"" + field + "\" is not a field; map one of " + FIELDS + ".");
            }
            named.put(field, column);
        });
        Map<String, Integer> chosen = new LinkedHashMap<>();
        for (String field : FIELDS) {
            if (given.containsKey(field) && given.get(field).isBlank()) {
                continue; // the artist said no column holds it: no guessing
            }
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

    static Preset preset(String name) {
        Preset preset = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (preset == null) {
            throw Refusal.invalid("No preset \"" + name + "\"; presets: " + PRESETS.keySet().stream().sorted().toList() + ".");
        }
        return preset;
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
