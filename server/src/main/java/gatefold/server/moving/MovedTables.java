package gatefold.server.moving;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which rows belong to the artists being moved, table by table, in the order an import
 * inserts them (a row's parents come first). What is left out is kept on purpose: sessions,
 * sign-in links, rate-limit buckets, open uploads, storage holds, jobs and the mail outbox are
 * the running instance's own and mean nothing elsewhere; derived files are rebuilt from the
 * masters; fan format choices are keyed by a salt of the old instance.
 *
 * <p>Each filter is SQL over {@code <artists>}, the ids of the artists in the archive.
 */
final class MovedTables {

    /** One table and the rows of it that belong to the artists. */
    record Table(String name, String filter) {
        String select() {
            return "SELECT * FROM " + name + " WHERE " + filter;
        }
    }

    /**
     * A column holding a secret sealed with the instance's master key, and the label it was sealed
     * under (computed from the row). {@code carried} secrets are the buyers' (invoice link tokens)
     * and always travel; the others (payment keys, webhook secrets) only with a passphrase.
     */
    record Sealed(String table, String column, Function<Map<String, Object>, String> label, boolean carried) {
    }

    private static final String RELEASES = "(SELECT id FROM releases WHERE artist_id IN (<artists>))";
    private static final String OWN = "artist_id IN (<artists>)";

    static final List<Table> TABLES = List.of(
            new Table("artists", "id IN (<artists>)"),
            new Table("api_tokens", OWN),
            new Table("releases", OWN),
            new Table("release_files", "release_id IN " + RELEASES),
            new Table("file_media", "file_id IN (SELECT id FROM release_files WHERE release_id IN " + RELEASES + ")"),
            new Table("entitlements", "release_id IN " + RELEASES),
            new Table("purchases", OWN),
            new Table("download_counts", "entitlement_id IN (SELECT id FROM entitlements WHERE release_id IN " + RELEASES + ")"),
            new Table("download_log", "release_id IN " + RELEASES),
            new Table("payment_settings", OWN),
            new Table("provider_events", OWN),
            new Table("discount_codes", OWN),
            new Table("discount_holds", "discount_id IN (SELECT id FROM discount_codes WHERE artist_id IN (<artists>))"),
            new Table("download_codes", OWN),
            new Table("download_code_redemptions", "code IN (SELECT code FROM download_codes WHERE artist_id IN (<artists>))"),
            new Table("seller_webhooks", OWN),
            new Table("webhook_deliveries", "webhook_id IN (SELECT id FROM seller_webhooks WHERE artist_id IN (<artists>))"),
            new Table("seller_profiles", OWN),
            new Table("tax_rates", OWN),
            new Table("invoice_counters", OWN),
            new Table("invoices", OWN),
            new Table("invoice_buyers", "purchase_id IN (SELECT id FROM purchases WHERE artist_id IN (<artists>))"));

    /** Download-link keys serve the whole instance: only a whole-store export with secrets takes them. */
    static final Table LINK_KEYS = new Table("link_keys", "1 = 1");

    static final List<Sealed> SEALED = List.of(
            payment("stripe_secret_key"), payment("stripe_webhook_secret"),
            payment("btcpay_api_key"), payment("btcpay_webhook_secret"),
            new Sealed("seller_webhooks", "sealed_secret", row -> "seller_webhook/" + row.get("id"), false),
            new Sealed("invoices", "sealed_token", row -> "invoices/" + row.get("id"), true),
            new Sealed("link_keys", "sealed_secret", row -> "link_key", false));

    /**
     * Columns that point at another moved row: an import checks each value against the rows of
     * the archive itself, so an archive cannot attach rows to what is already in the store.
     */
    static final Map<String, String> REFERENCES = Map.of(
            "artist_id", "artists",
            "release_id", "releases",
            "entitlement_id", "entitlements",
            "purchase_id", "purchases",
            "discount_id", "discount_codes",
            "webhook_id", "seller_webhooks");

    private MovedTables() {
    }

    private static Sealed payment(String column) {
        return new Sealed("payment_settings", column, row -> "payments/" + row.get("artist_id") + "/" + column, false);
    }

    static List<Sealed> sealedIn(String table) {
        return SEALED.stream().filter(s -> s.table().equals(table)).toList();
    }
}
