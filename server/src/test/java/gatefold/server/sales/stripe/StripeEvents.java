package gatefold.server.sales.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Stripe events as Stripe sends them: the JSON envelope, and the Stripe-Signature header over the exact payload. */
public final class StripeEvents {

    private StripeEvents() {
    }

    static String event(String type, JsonNode object) {
        return event("evt_test_" + UUID.randomUUID().toString().replace("-", ""), type, object);
    }

    public static String event(String id, String type, JsonNode object) {
        ObjectNode event = FakeStripe.JSON.createObjectNode();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", "2025-11-17.clover");
        event.put("created", Instant.now().getEpochSecond());
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        event.put("type", type);
        event.putObject("data").set("object", object);
        return event.toString();
    }

    /** {@code t=<unix time>,v1=<hex HMAC-SHA256 of "t.payload" under the endpoint secret>}. */
    static String sign(String payload, String secret, long unixTime) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String v1 = HexFormat.of().formatHex(mac.doFinal((unixTime + "." + payload).getBytes(StandardCharsets.UTF_8)));
            return "t=" + unixTime + ",v1=" + v1;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String sign(String payload, String secret) {
        return sign(payload, secret, Instant.now().getEpochSecond());
    }

    static ObjectNode charge(String paymentIntent, String purchaseId, long amount, long refunded) {
        ObjectNode charge = FakeStripe.JSON.createObjectNode();
        charge.put("id", "ch_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        charge.put("object", "charge");
        charge.put("amount", amount);
        charge.put("amount_refunded", refunded);
        charge.put("refunded", refunded >= amount);
        charge.put("currency", "eur");
        charge.put("payment_intent", paymentIntent);
        charge.putObject("metadata").put("purchase_id", purchaseId);
        return charge;
    }

    static ObjectNode dispute(String paymentIntent, String status) {
        ObjectNode dispute = FakeStripe.JSON.createObjectNode();
        dispute.put("id", "dp_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
        dispute.put("object", "dispute");
        dispute.put("amount", 700);
        dispute.put("currency", "eur");
        dispute.put("charge", "ch_test_disputed");
        dispute.put("payment_intent", paymentIntent);
        dispute.put("reason", "fraudulent");
        dispute.put("status", status);
        dispute.putObject("metadata");
        return dispute;
    }
}
