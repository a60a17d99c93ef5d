package gatefold.server.privacy;

import gatefold.server.common.Refusal;
import gatefold.server.mail.DoNotMail;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Forgets one fan, in one transaction. Sales stay as rows with their figures (amount, currency,
 * tax, date, release, status) under an address that is no one's ({@code erased-<id>@erased.invalid},
 * one per row so buyer counts stay right); invoice names and addresses, receipt links, download
 * addresses and browsers go; access ends; follows go; and the address joins the do-not-mail list.
 */
public final class FanErasure {

    /** What an erased row's email becomes; SQL over a row's own id (or purchase id). */
    private static final String NO_ONE = "'erased-' || %s || '@erased.invalid'";
    private final Jdbi jdbi;
    private final FanData data;

    public FanErasure(Jdbi jdbi, FanData data) {
        this.jdbi = jdbi;
        this.data = data;
    }

    /** What was changed, by kind. An artist who holds nothing about the fan gets 404, and nothing changes. */
    public Map<String, Integer> erase(FanScope s) {
        return jdbi.inTransaction(h -> {
            if (!s.wholeStore() && !data.knows(h, s)) {
                throw Refusal.notFound("You hold nothing about that address.");
            }
            Map<String, Integer> done = new LinkedHashMap<>();
            s.update(h, "UPDATE download_log SET ip_hash = NULL, user_agent = NULL WHERE entitlement_id IN " + s.entitlements());
            s.update(h, "DELETE FROM invoice_buyers WHERE purchase_id IN " + s.purchases());
            s.update(h, "UPDATE invoices SET buyer_email = " + NO_ONE.formatted("purchase_id") + " WHERE purchase_id IN " + s.purchases());
            s.update(h, "DELETE FROM follow_wishes WHERE purchase_id IN " + s.purchases());
            s.update(h, "UPDATE download_code_redemptions SET email = " + NO_ONE.formatted("purchase_id") + " WHERE email = :e"
                    + (s.wholeStore() ? "" : " AND code IN (SELECT code FROM download_codes WHERE artist_id = :a)"));
            s.update(h, "UPDATE free_sale_digest SET email = " + NO_ONE.formatted("purchase_id") + " WHERE email = :e" + s.mine("artist_id"));
            done.put("follows", s.update(h, "DELETE FROM followers WHERE email = :e" + s.mine("artist_id")));
            s.update(h, "DELETE FROM announcement_mails WHERE email = :e"
                    + (s.wholeStore() ? "" : " AND (announcement_id IN (SELECT id FROM announcements WHERE artist_id = :a)"
                        + " OR announcement_id LIKE 'moved:' || :a || ':%')"));
            done.put("entitlements", s.update(h, "UPDATE entitlements SET email = " + NO_ONE.formatted("id")
                    + ", status = CASE WHEN status IN ('confirmed', 'preordered') THEN 'revoked' ELSE status END WHERE email = :e"
                    + s.mineByRelease("release_id")));
            done.put("purchases", s.update(h, "UPDATE purchases SET email = " + NO_ONE.formatted("id")
                    + ", receipt_token_hash = NULL WHERE email = :e" + s.mine("artist_id")));
            done.put("mails", forgetMail(h, s));
            remember(h, s);
            return done;
        });
    }

    /**
     * Mail waiting to go or kept in the outbox: the artist's own mail to the fan, and the artist's
     * sale notes naming them. The outbox does not say whose mail a fan's is, so the rest goes only
     * when the operator erases, or when nothing of the fan is left in the store.
     */
    private static int forgetMail(Handle h, FanScope s) {
        int gone = 0;
        if (!s.wholeStore()) {
            gone += s.update(h, "DELETE FROM mail_waiting WHERE LOWER(to_address) = :e AND LOWER(reply_to) = :ae");
            for (String table : new String[] {"mail_waiting", "mail_outbox"}) {
                gone += s.update(h, "DELETE FROM " + table + " WHERE LOWER(to_address) = :ae AND body LIKE :like ESCAPE '\\'");
            }
        }
        if (s.wholeStore() || !leftAnywhere(h, s)) {
            for (String table : new String[] {"mail_waiting", "mail_outbox"}) {
                gone += s.update(h, "DELETE FROM " + table + " WHERE LOWER(to_address) = :e OR body LIKE :like ESCAPE '\\'");
            }
            s.update(h, "DELETE FROM library_signin_links WHERE email = :e");
            s.update(h, "DELETE FROM library_sessions WHERE email = :e");
            for (String throttle : new String[] {"free_checkouts", "library_link_requests", "follow_requests"}) {
                s.update(h, "DELETE FROM " + throttle + " WHERE bucket LIKE :like ESCAPE '\\'");
            }
        }
        return gone;
    }

    private static boolean leftAnywhere(Handle h, FanScope s) {
        String sql = "SELECT (SELECT COUNT(*) FROM purchases WHERE email = :e) + (SELECT COUNT(*) FROM entitlements WHERE email = :e)"
                + " + (SELECT COUNT(*) FROM followers WHERE email = :e)";
        return s.bind(h.createQuery(sql), sql).mapTo(Long.class).one() > 0;
    }

    /** The address joins the do-not-mail list (as a hash), once per scope. */
    private static void remember(Handle h, FanScope s) {
        String hash = DoNotMail.hash(s.email());
        String scope = s.wholeStore() ? "artist_id IS NULL" : "artist_id = :a";
        String sql = "SELECT COUNT(*) FROM do_not_mail WHERE email_hash = :h AND " + scope;
        var query = h.createQuery(sql).bind("h", hash);
        s.artistId().ifPresent(a -> query.bind("a", a));
        if (query.mapTo(Long.class).one() == 0) {
            h.createUpdate("INSERT INTO do_not_mail (email_hash, artist_id, created_at) VALUES (:h, :a, :at)")
                    .bind("h", hash).bind("a", s.artistId().orElse(null)).bind("at", Instant.now()).execute();
        }
    }
}
