package gatefold.server.sales.btcpay;

import gatefold.server.sales.PurchaseStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import gatefold.server.common.Refusal;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.Orders;
import gatefold.server.sales.PaymentAccounts;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.webhooks.ProviderEvent;
import gatefold.server.sales.webhooks.WebhookReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from an artist's BTCPay Server: an invoice settled, expired or became invalid.
 * Each is signed with {@code BTCPay-Sig: sha256=<HMAC-SHA256 of the body>} under the
 * webhook's secret, which the artist gave us.
 */
public final class BtcPayWebhook implements WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(BtcPayWebhook.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Jdbi jdbi;
    private final Checkout checkout;
    private final Orders orders;

    public BtcPayWebhook(Jdbi jdbi, Checkout checkout, Orders orders) {
        this.jdbi = jdbi;
        this.checkout = checkout;
        this.orders = orders;
    }

    @Override
    public String provider() {
        return "btcpay";
    }

    @Override
    public String signatureHeader() {
        return "BTCPay-Sig";
    }

    @Override
    public ProviderEvent read(PaymentAccounts accounts, byte[] body, String signature) {
        PaymentAccounts.BtcPay account = accounts.btcpay().filter(b -> b.webhookSecret() != null)
                .orElseThrow(() -> Refusal.badRequest("This store takes no BTCPay events."));
        if (signature == null || signature.isBlank()) {
            throw Refusal.badRequest("The BTCPay-Sig header is missing.");
        }
        if (!verifies(body, signature.strip(), account.webhookSecret())) {
            throw Refusal.badRequest("The BTCPay signature does not match this store's webhook secret.");
        }
        JsonNode event;
        try {
            event = JSON.readTree(body);
        } catch (IOException e) {
            throw Refusal.badRequest("This is not a BTCPay event.");
        }
        if (event == null || !event.isObject()) {
            throw Refusal.badRequest("This is not a BTCPay event.");
        }
        String type = event.path("type").asText("");
        // A redelivery has a new delivery id but keeps the first one as originalDeliveryId.
        String id = text(event, "originalDeliveryId").or(() -> text(event, "deliveryId"))
                .orElseGet(() -> "sha256:" + sha256(body));
        if (!type.equals("InvoiceSettled") && !type.equals("InvoiceExpired") && !type.equals("InvoiceInvalid")) {
            return ProviderEvent.ignored(id, type.isEmpty() ? "unknown" : type);
        }
        Optional<String> store = text(event, "storeId");
        if (store.isPresent() && !store.get().equals(account.storeId())) {
            LOG.warn("btcpay event {} ({}) is for store {}, not the artist's; ignored", id, type, store.get());
            return ProviderEvent.ignored(id, type);
        }
        // Looked up within this artist's purchases only: another artist's server could reuse an invoice id.
        Optional<Purchase> found = text(event, "invoiceId").flatMap(invoice -> purchaseFor(accounts.artistId(), invoice));
        if (found.isEmpty()) {
            LOG.info("btcpay event {} ({}) names no invoice of this store's; ignored", id, type);
            return ProviderEvent.ignored(id, type);
        }
        String purchase = found.get().id();
        Runnable effect = switch (type) {
            case "InvoiceSettled" -> () -> orders.byId(purchase).ifPresent(checkout::confirmPaid);
            case "InvoiceExpired" -> () -> orders.fail(purchase, PurchaseStatus.EXPIRED);
            default -> () -> orders.fail(purchase, PurchaseStatus.FAILED);
        };
        return new ProviderEvent(id, type, purchase, effect);
    }

    private Optional<Purchase> purchaseFor(String artistId, String invoiceId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM purchases WHERE provider = 'btcpay' AND provider_ref = :ref AND artist_id = :artist")
                .bind("ref", invoiceId).bind("artist", artistId).mapTo(String.class).findFirst()).flatMap(orders::byId);
    }

    /** Compares in constant time, so the answer's timing tells nothing about the expected signature. */
    static boolean verifies(byte[] body, String header, String secret) {
        String expected = "sha256=" + hmac(body, secret);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                header.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static String hmac(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }
}
