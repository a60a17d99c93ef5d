package gatefold.server.sales.stripe;

import gatefold.server.sales.PurchaseStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.exception.StripeException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import gatefold.server.common.Refusal;
import gatefold.server.sales.Checkout;
import gatefold.server.sales.Orders;
import gatefold.server.sales.PaymentAccounts;
import gatefold.server.sales.Purchase;
import gatefold.server.sales.webhooks.ProviderEvent;
import gatefold.server.sales.webhooks.WebhookReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events from an artist's Stripe account: a checkout paid (now, or later for slow payment
 * methods), failed or expired; a payment refunded; a dispute opened or closed. Signatures
 * are checked with Stripe's own library against the artist's endpoint secret, with five
 * minutes' tolerance. Fields are read from the raw JSON, so any API version the artist's
 * endpoint uses works.
 */
public final class StripeWebhook implements WebhookReceiver {

    private static final Logger LOG = LoggerFactory.getLogger(StripeWebhook.class);
    static final long TOLERANCE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Checkout checkout;
    private final Orders orders;
    private final StripePaymentRefs payments;
    private final StripeClients clients;

    public StripeWebhook(Jdbi jdbi, Checkout checkout, Orders orders, StripeOptions options) {
        this.checkout = checkout;
        this.orders = orders;
        this.payments = new StripePaymentRefs(jdbi);
        this.clients = new StripeClients(options);
    }

    @Override
    public String provider() {
        return "stripe";
    }

    @Override
    public String signatureHeader() {
        return "Stripe-Signature";
    }

    @Override
    public ProviderEvent read(PaymentAccounts accounts, byte[] body, String signature) {
        PaymentAccounts.Stripe stripe = accounts.stripe().filter(s -> s.webhookSecret() != null)
                .orElseThrow(() -> Refusal.badRequest("This store takes no Stripe events."));
        if (signature == null || signature.isBlank()) {
            throw Refusal.badRequest("The Stripe-Signature header is missing.");
        }
        String payload = new String(body, StandardCharsets.UTF_8);
        Event event;
        try {
            event = Webhook.constructEvent(payload, signature, stripe.webhookSecret(), TOLERANCE_SECONDS);
        } catch (SignatureVerificationException e) {
            throw Refusal.badRequest("The Stripe signature does not match this store's webhook secret, or is too old.");
        } catch (RuntimeException e) {
            // The library reads the event before checking it; a body that is not one fails here.
            throw Refusal.badRequest("This is not a Stripe event.");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw Refusal.badRequest("This is not a Stripe event.");
        }
        String id = event.getId();
        String type = event.getType();
        if (id == null || id.isBlank() || type == null || json == null) {
            throw Refusal.badRequest("This Stripe event has no id or type.");
        }
        if (event.getAccount() != null && stripe.accountId() != null && !event.getAccount().equals(stripe.accountId())) {
            LOG.warn("stripe event {} ({}) is from account {}, not the artist's {}; ignored", id, type, event.getAccount(),
                    stripe.accountId());
            return ProviderEvent.ignored(id, type);
        }
        JsonNode object = json.path("data").path("object");
        return switch (type) {
            case "checkout.session.completed", "checkout.session.async_payment_succeeded",
                    "checkout.session.async_payment_failed", "checkout.session.expired" ->
                    onSession(accounts, id, type, object);
            case "charge.refunded" -> onRefund(accounts.artistId(), id, type, object);
            case "charge.dispute.created", "charge.dispute.closed" -> onDispute(accounts.artistId(), id, type, object);
            default -> ProviderEvent.ignored(id, type);
        };
    }

    private ProviderEvent onSession(PaymentAccounts accounts, String id, String type, JsonNode session) {
        String artistId = accounts.artistId();
        String purchaseId = text(session, "client_reference_id").or(() -> text(session.path("metadata"), "purchase_id")).orElse(null);
        String sessionId = text(session, "id").orElse(null);
        Optional<Purchase> found = ownPurchase(artistId, id, type, purchaseId)
                .filter(p -> sessionId != null && sessionId.equals(p.providerRef()));
        if (found.isEmpty()) {
            LOG.info("stripe event {} ({}) names no checkout of this store's; ignored", id, type);
            return ProviderEvent.ignored(id, type);
        }
        Purchase purchase = found.get();
        Optional<String> paymentIntent = idOf(session.path("payment_intent"));
        Runnable effect = switch (type) {
            case "checkout.session.completed" -> () -> {
                paymentIntent.ifPresent(pi -> payments.remember(purchase.id(), pi));
                if ("paid".equals(session.path("payment_status").asText()) && covers(purchase, session)) {
                    recordTax(accounts, purchase, session);
                    confirm(purchase.id());
                } else {
                    LOG.info("stripe checkout for purchase {} completed unpaid ({}); waiting for the payment",
                            purchase.id(), session.path("payment_status").asText());
                }
            };
            case "checkout.session.async_payment_succeeded" -> () -> {
                paymentIntent.ifPresent(pi -> payments.remember(purchase.id(), pi));
                if (covers(purchase, session)) {
                    recordTax(accounts, purchase, session);
                    confirm(purchase.id());
                }
            };
            case "checkout.session.async_payment_failed" -> () -> orders.fail(purchase.id(), PurchaseStatus.FAILED);
            default -> () -> orders.fail(purchase.id(), PurchaseStatus.EXPIRED);
        };
        return new ProviderEvent(id, type, purchase.id(), effect);
    }

    private ProviderEvent onRefund(String artistId, String id, String type, JsonNode charge) {
        Optional<String> purchaseId = idOf(charge.path("payment_intent")).flatMap(pi -> payments.purchaseFor(artistId, pi))
                .or(() -> text(charge.path("metadata"), "purchase_id"));
        Optional<Purchase> found = ownPurchase(artistId, id, type, purchaseId.orElse(null));
        if (found.isEmpty()) {
            LOG.info("stripe event {} ({}) names no payment of this store's; ignored", id, type);
            return ProviderEvent.ignored(id, type);
        }
        String purchase = found.get().id();
        boolean whole = charge.path("refunded").asBoolean(false)
                || charge.has("amount") && charge.path("amount_refunded").asLong(0) >= charge.path("amount").asLong();
        if (!whole) {
            LOG.info("stripe refunded part of purchase {}; the fan keeps the downloads", purchase);
            return new ProviderEvent(id, type, purchase, () -> { });
        }
        return new ProviderEvent(id, type, purchase, () -> orders.refund(purchase));
    }

    private ProviderEvent onDispute(String artistId, String id, String type, JsonNode dispute) {
        Optional<String> purchaseId = idOf(dispute.path("payment_intent")).flatMap(pi -> payments.purchaseFor(artistId, pi));
        Optional<Purchase> found = ownPurchase(artistId, id, type, purchaseId.orElse(null));
        if (found.isEmpty()) {
            LOG.info("stripe event {} ({}) names no payment of this store's; ignored", id, type);
            return ProviderEvent.ignored(id, type);
        }
        String purchase = found.get().id();
        if (type.equals("charge.dispute.created")) {
            return new ProviderEvent(id, type, purchase, () -> orders.dispute(purchase));
        }
        String status = dispute.path("status").asText();
        return switch (status) {
            // warning_closed: an inquiry that never became a dispute.
            case "won", "warning_closed" -> new ProviderEvent(id, type, purchase, () -> orders.disputeClosed(purchase, true));
            case "lost" -> new ProviderEvent(id, type, purchase, () -> orders.disputeClosed(purchase, false));
            default -> {
                LOG.info("stripe closed the dispute on purchase {} as '{}'; nothing changes", purchase, status);
                yield new ProviderEvent(id, type, purchase, () -> { });
            }
        };
    }

    /** The purchase, if it is a Stripe purchase of this artist; an event naming another artist's is ignored. */
    private Optional<Purchase> ownPurchase(String artistId, String eventId, String type, String purchaseId) {
        if (purchaseId == null) {
            return Optional.empty();
        }
        Optional<Purchase> purchase = orders.byId(purchaseId);
        if (purchase.isPresent() && !purchase.get().artistId().equals(artistId)) {
            LOG.warn("stripe event {} ({}) signed for artist {} names a purchase of another artist; ignored", eventId, type, artistId);
            return Optional.empty();
        }
        return purchase.filter(p -> "stripe".equals(p.provider()));
    }

    /**
     * Stripe Tax's amounts, country and rate onto the purchase before it is confirmed, so its
     * invoice carries them. A webhook never holds the rate, so Stripe is asked for the session
     * with its breakdown; if Stripe cannot be reached, the rate is worked out from the amounts.
     */
    private void recordTax(PaymentAccounts accounts, Purchase purchase, JsonNode session) {
        Optional<StripeTax.Reading> fromEvent = StripeTax.read(session);
        Optional<StripeTax.Reading> reading = fromEvent.filter(r -> !r.lacksRate())
                .or(() -> fromEvent.flatMap(r -> askStripe(accounts, purchase)).filter(r -> !r.lacksRate()))
                .or(() -> fromEvent);
        reading.ifPresent(r -> orders.recordTax(purchase.id(), r.split(purchase.currency())));
    }

    private Optional<StripeTax.Reading> askStripe(PaymentAccounts accounts, Purchase purchase) {
        return accounts.stripe().flatMap(clients::client).flatMap(client -> {
            try {
                return StripeTax.read(StripeClients.retrieve(client, purchase.providerRef()).json());
            } catch (StripeException e) {
                LOG.warn("could not ask stripe for the tax rate of purchase {}: {}", purchase.id(), StripePayments.describe(e));
                return Optional.empty();
            }
        });
    }

    private void confirm(String purchaseId) {
        orders.byId(purchaseId).ifPresent(checkout::confirmPaid);
    }

    /** The session charged at least the purchase's price, in its currency. */
    private static boolean covers(Purchase purchase, JsonNode session) {
        boolean ok = (!session.has("amount_total") || session.path("amount_total").asLong(-1) >= purchase.amountMinor())
                && (!session.has("currency") || session.path("currency").asText().equalsIgnoreCase(purchase.currency()));
        if (!ok) {
            LOG.warn("stripe checkout for purchase {} charged {} {}, not {}; not confirmed", purchase.id(),
                    session.path("amount_total").asText(), session.path("currency").asText(), purchase.amount());
        }
        return ok;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /** An id field that Stripe sends either as the id or, when expanded, as the object. */
    private static Optional<String> idOf(JsonNode node) {
        if (node.isTextual() && !node.textValue().isBlank()) {
            return Optional.of(node.textValue());
        }
        return node.isObject() ? text(node, "id") : Optional.empty();
    }
}
