package gatefold.server.sales;

import gatefold.server.common.Refusal;
import gatefold.server.outbound.OutboundUrl;
import gatefold.server.security.SecretBox;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Stores each artist's payment accounts with every secret sealed (AES-256-GCM under the
 * master key, bound to the artist and the field). Reading back for the API shows only
 * the last four characters of a secret.
 */
public final class PaymentSettings {

    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final ConnectedAccounts connected;

    public PaymentSettings(Jdbi jdbi, SecretBox secrets, ConnectedAccounts connected) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.connected = connected;
    }

    /** The row as stored: secrets still sealed. */
    record Row(String artistId, String stripeSecretKey, String stripeWebhookSecret, String stripeAccountId, String btcpayUrl,
               String btcpayStoreId, String btcpayApiKey, String btcpayWebhookSecret, boolean offlineOnly, Instant updatedAt) {
    }

    Optional<Row> row(String artistId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM payment_settings WHERE artist_id = :a").bind("a", artistId)
                .map((rs, ctx) -> new Row(rs.getString("artist_id"), rs.getString("stripe_secret_key"),
                        rs.getString("stripe_webhook_secret"), rs.getString("stripe_account_id"), rs.getString("btcpay_url"),
                        rs.getString("btcpay_store_id"), rs.getString("btcpay_api_key"), rs.getString("btcpay_webhook_secret"),
                        rs.getBoolean("offline_only"), rs.getTimestamp("updated_at").toInstant()))
                .findOne());
    }

    /** The artist's accounts with secrets opened, for a checkout or a webhook. */
    public PaymentAccounts accounts(String artistId) {
        return row(artistId).map(r -> new PaymentAccounts(artistId,
                        Optional.ofNullable(r.stripeSecretKey() != null || r.stripeAccountId() != null ? new PaymentAccounts.Stripe(
                                open(artistId, "stripe_secret_key", r.stripeSecretKey()),
                                open(artistId, "stripe_webhook_secret", r.stripeWebhookSecret()), r.stripeAccountId()) : null),
                        Optional.ofNullable(r.btcpayUrl() != null ? new PaymentAccounts.BtcPay(r.btcpayUrl(), r.btcpayStoreId(),
                                open(artistId, "btcpay_api_key", r.btcpayApiKey()),
                                open(artistId, "btcpay_webhook_secret", r.btcpayWebhookSecret())) : null),
                        r.offlineOnly()))
                .orElse(PaymentAccounts.none(artistId));
    }

    /** What the API may show: no secret, only its last four characters. */
    public Map<String, Object> view(String artistId) {
        PaymentAccounts a = accounts(artistId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stripe", a.stripe().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("secretKeyLast4", last4(s.secretKey()));
            m.put("webhookSecretLast4", last4(s.webhookSecret()));
            m.put("accountId", s.accountId());
            return m;
        }).orElse(null));
        out.put("btcpay", a.btcpay().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("url", b.url());
            m.put("storeId", b.storeId());
            m.put("apiKeyLast4", last4(b.apiKey()));
            m.put("webhookSecretLast4", last4(b.webhookSecret()));
            return m;
        }).orElse(null));
        out.put("offlineOnly", a.offlineOnly());
        return out;
    }

    /** Replaces the settings; a secret left out of a section that is kept keeps its stored value. */
    public void save(String artistId, Change change) {
        Optional<Row> old = row(artistId);
        String stripeSecret = change.stripe().isPresent() ? sealOrKeep(artistId, "stripe_secret_key",
                change.stripe().get().secretKey(), old.map(Row::stripeSecretKey)) : null;
        String stripeHook = change.stripe().isPresent() ? sealOrKeep(artistId, "stripe_webhook_secret",
                change.stripe().get().webhookSecret(), old.map(Row::stripeWebhookSecret)) : null;
        String btcKey = change.btcpay().isPresent() ? sealOrKeep(artistId, "btcpay_api_key",
                change.btcpay().get().apiKey(), old.map(Row::btcpayApiKey)) : null;
        String btcHook = change.btcpay().isPresent() ? sealOrKeep(artistId, "btcpay_webhook_secret",
                change.btcpay().get().webhookSecret(), old.map(Row::btcpayWebhookSecret)) : null;
        if (change.stripe().isPresent() && (stripeSecret == null && change.stripe().get().accountId() == null || stripeHook == null)) {
            throw Refusal.invalid("Stripe needs 'secretKey' (or a Connect 'accountId') and 'webhookSecret'.");
        }
        change.stripe().filter(stripe -> stripe.accountId() != null && stripe.secretKey() == null && stripeSecret == null)
                .ifPresent(stripe -> connected.confirm(stripe.accountId()));
        if (change.btcpay().isPresent()) {
            PaymentAccounts.BtcPay b = change.btcpay().get();
            if (b.url() == null || b.storeId() == null || btcKey == null || btcHook == null) {
                throw Refusal.invalid("BTCPay needs 'url', 'storeId', 'apiKey' and 'webhookSecret'.");
            }
            // Its form now; whether its address may be called is checked at every call.
            OutboundUrl.checkBase(b.url(), "BTCPay 'url'");
        }
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM payment_settings WHERE artist_id = :a").bind("a", artistId).execute();
            h.createUpdate("""
                    INSERT INTO payment_settings (artist_id, stripe_secret_key, stripe_webhook_secret, stripe_account_id,
                        btcpay_url, btcpay_store_id, btcpay_api_key, btcpay_webhook_secret, offline_only, updated_at)
                    VALUES (:a, :ss, :sw, :sa, :bu, :bs, :bk, :bw, :off, :now)""")
                    .bind("a", artistId).bind("ss", stripeSecret).bind("sw", stripeHook)
                    .bind("sa", change.stripe().map(PaymentAccounts.Stripe::accountId).orElse(null))
                    .bind("bu", change.btcpay().map(PaymentAccounts.BtcPay::url).orElse(null))
                    .bind("bs", change.btcpay().map(PaymentAccounts.BtcPay::storeId).orElse(null))
                    .bind("bk", btcKey).bind("bw", btcHook).bind("off", change.offlineOnly()).bind("now", Instant.now())
                    .execute();
        });
    }

    /** The settings to store: a section present means "use this provider"; secrets may be null to keep the old ones. */
    public record Change(Optional<PaymentAccounts.Stripe> stripe, Optional<PaymentAccounts.BtcPay> btcpay, boolean offlineOnly) {
    }

    private String sealOrKeep(String artistId, String field, String fresh, Optional<String> stored) {
        if (fresh != null) {
            return secrets.seal(label(artistId, field), fresh);
        }
        return stored.orElse(null);
    }

    private String open(String artistId, String field, String sealed) {
        return sealed == null ? null : secrets.openString(label(artistId, field), sealed);
    }

    private static String label(String artistId, String field) {
        return "payments/" + artistId + "/" + field;
    }

    static String last4(String secret) {
        return secret == null ? null : secret.length() <= 4 ? "****" : secret.substring(secret.length() - 4);
    }
}
