package gatefold.server.privacy;

import gatefold.server.common.Refusal;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything the store keeps about one email address, as JSON-ready lists of rows, section by
 * section. Secrets are left out (link and receipt token hashes, sealed invoice tokens, follow
 * confirmation and unsubscribe tokens); what the fan gave and what happened to it is in.
 */
public final class FanData {

    private final Jdbi jdbi;

    public FanData(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The sections, in the order the answer lists them; each is SQL over {@link FanScope}'s names. */
    private static Map<String, String> sections(FanScope s) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("purchases", "SELECT id, release_id, artist_id, entitlement_id, email, amount_minor, list_amount_minor, currency,"
                + " status, source, provider, provider_ref, discount_code, tax_country, tax_rate, tax_label, net_minor, tax_minor,"
                + " created_at, updated_at FROM purchases WHERE email = :e" + s.mine("artist_id") + " ORDER BY created_at, id");
        q.put("entitlements", "SELECT id, release_id, email, status, created_at, updated_at FROM entitlements WHERE email = :e"
                + s.mineByRelease("release_id") + " ORDER BY created_at, id");
        q.put("downloadCounts", "SELECT * FROM download_counts WHERE entitlement_id IN " + s.entitlements()
                + " ORDER BY entitlement_id, file_id");
        q.put("downloads", "SELECT id, entitlement_id, release_id, file_id, downloaded_at, byte_range, counted, user_agent, ip_hash"
                + " FROM download_log WHERE entitlement_id IN " + s.entitlements() + " ORDER BY downloaded_at, id");
        q.put("rentals", "SELECT * FROM rentals WHERE entitlement_id IN " + s.entitlements() + " ORDER BY entitlement_id");
        q.put("invoiceDetails", "SELECT purchase_id, name, address, tax_id, updated_at FROM invoice_buyers WHERE purchase_id IN "
                + s.purchases() + " ORDER BY purchase_id");
        q.put("invoices", "SELECT id, purchase_id, kind, doc_number, issued_at, buyer_email, item, currency, net_minor, tax_minor,"
                + " total_minor FROM invoices WHERE purchase_id IN " + s.purchases() + " ORDER BY issued_at, id");
        q.put("codeRedemptions", "SELECT code, email, purchase_id, redeemed_at FROM download_code_redemptions WHERE email = :e"
                + (s.wholeStore() ? "" : " AND code IN (SELECT code FROM download_codes WHERE artist_id = :a)") + " ORDER BY redeemed_at");
        q.put("follows", "SELECT artist_id, email, state, source, created_at, consented_at, left_at FROM followers WHERE email = :e"
                + s.mine("artist_id") + " ORDER BY created_at");
        q.put("followWishes", "SELECT * FROM follow_wishes WHERE purchase_id IN " + s.purchases());
        q.put("announcementsMailed", "SELECT announcement_id, sent_at FROM announcement_mails WHERE email = :e"
                + (s.wholeStore() ? "" : " AND (announcement_id IN (SELECT id FROM announcements WHERE artist_id = :a)"
                        + " OR announcement_id LIKE 'moved:' || :a || ':%')")
                + " ORDER BY sent_at");
        q.put("freeSaleNotes", "SELECT purchase_id, artist_id, email, release_title, noted_at FROM free_sale_digest WHERE email = :e"
                + s.mine("artist_id"));
        q.put("mailsWaiting", "SELECT id, to_address, reply_to, subject, body, created_at FROM mail_waiting WHERE LOWER(to_address) = :e"
                + (s.wholeStore() ? "" : " AND LOWER(reply_to) = :ae") + " ORDER BY created_at, id");
        if (s.wholeStore()) {
            // The outbox does not say which artist a mail is from: the operator's view only.
            q.put("mailsKept", "SELECT id, to_address, subject, body, created_at, sent FROM mail_outbox WHERE LOWER(to_address) = :e"
                    + " ORDER BY created_at, id");
            q.put("librarySessions", "SELECT created_at, expires_at FROM library_sessions WHERE email = :e ORDER BY created_at");
        }
        return q;
    }

    /** What this scope holds about the fan; an artist holding nothing about them gets 404. */
    public Map<String, Object> export(FanScope scope) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("email", scope.email());
        out.put("scope", scope.wholeStore() ? "store" : "artist");
        out.put("exportedAt", Instant.now().toString());
        boolean any = jdbi.withHandle(h -> {
            boolean found = false;
            for (var section : sections(scope).entrySet()) {
                List<Map<String, Object>> rows = rows(h, scope, section.getValue());
                out.put(section.getKey(), rows);
                found |= !rows.isEmpty();
            }
            return found;
        });
        if (!any && !scope.wholeStore()) {
            throw Refusal.notFound("You hold nothing about that address.");
        }
        return out;
    }

    /** Whether this artist has (or had) anything to do with the fan: a sale or a follow. */
    boolean knows(Handle h, FanScope scope) {
        String sql = "SELECT (SELECT COUNT(*) FROM purchases WHERE email = :e" + scope.mine("artist_id") + ")"
                + " + (SELECT COUNT(*) FROM entitlements WHERE email = :e" + scope.mineByRelease("release_id") + ")"
                + " + (SELECT COUNT(*) FROM followers WHERE email = :e" + scope.mine("artist_id") + ")";
        return scope.bind(h.createQuery(sql), sql).mapTo(Long.class).one() > 0;
    }

    private static List<Map<String, Object>> rows(Handle h, FanScope scope, String sql) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Map<String, Object> row : scope.bind(h.createQuery(sql), sql).mapToMap().list()) {
            Map<String, Object> plain = new LinkedHashMap<>();
            row.forEach((column, value) -> plain.put(camel(column), plain(value)));
            rows.add(plain);
        }
        return rows;
    }

    /** JSON-safe values: times as ISO-8601 UTC, decimals as strings. */
    private static Object plain(Object value) {
        if (value instanceof Timestamp t) {
            return t.toInstant().toString();
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant().toString();
        }
        if (value instanceof TemporalAccessor t) {
            return t.toString();
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value;
    }

    private static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean up = false;
        for (char c : column.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = true;
            } else {
                out.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return out.toString();
    }
}
