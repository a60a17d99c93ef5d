package gatefold.server.sales.stripe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionRetrieveParams;
import gatefold.server.sales.PaymentAccounts;
import java.io.IOException;
import java.util.Optional;

/** Stripe clients for an artist's account, and Checkout Sessions read back as Stripe sent them. */
final class StripeClients {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int READ_TIMEOUT_MS = 30_000;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tax breakdown (rates) is only in a session fetched with this expansion, never in a webhook. */
    static final SessionRetrieveParams WITH_TAX_BREAKDOWN = SessionRetrieveParams.builder()
            .addExpand("total_details.breakdown").build();
    private final StripeOptions options;

    StripeClients(StripeOptions options) {
        this.options = options;
    }

    /** The artist has a key of their own, or a connected account and the operator a platform key. */
    boolean canCharge(PaymentAccounts.Stripe stripe) {
        return stripe.secretKey() != null || stripe.accountId() != null && options.platformKey().isPresent();
    }

    /** A client for the artist's account: their own key, or the platform key acting for their connected account. */
    Optional<StripeClient> client(PaymentAccounts.Stripe stripe) {
        if (!canCharge(stripe)) {
            return Optional.empty();
        }
        StripeClient.StripeClientBuilder builder = StripeClient.builder()
                .setConnectTimeout(CONNECT_TIMEOUT_MS)
                .setReadTimeout(READ_TIMEOUT_MS)
                .setMaxNetworkRetries(1);
        options.apiBase().ifPresent(builder::setApiBase);
        if (stripe.secretKey() != null) {
            builder.setApiKey(stripe.secretKey());
        } else {
            builder.setApiKey(options.platformKey().orElseThrow()).setStripeAccount(stripe.accountId());
        }
        return Optional.of(builder.build());
    }

    /** The session with its tax breakdown, and the same as JSON (the fields Gatefold reads, from any API version). */
    record Fetched(Session session, JsonNode json) {
    }

    static Fetched retrieve(StripeClient client, String sessionId) throws StripeException {
        Session session = client.v1().checkout().sessions().retrieve(sessionId, WITH_TAX_BREAKDOWN);
        JsonNode json;
        try {
            json = session.getLastResponse() == null ? JSON.createObjectNode() : JSON.readTree(session.getLastResponse().body());
        } catch (IOException e) {
            json = JSON.createObjectNode();
        }
        return new Fetched(session, json);
    }
}
