package gatefold.server.sales.btcpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.outbound.OutboundAnswer;
import gatefold.server.outbound.OutboundCall;
import gatefold.server.outbound.OutboundClient;
import gatefold.server.outbound.OutboundFailure;
import gatefold.server.outbound.OutboundUrl;
import gatefold.server.sales.PaymentAccounts;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The two calls of BTCPay Server's Greenfield API a checkout needs: create an invoice, and read
 * one. The artist's server is called through the {@link OutboundClient}, like every call made
 * on an artist's behalf.
 */
final class Greenfield {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An invoice is a few kilobytes; more than this is not an invoice. */
    private static final int MAX_ANSWER = 1024 * 1024;
    private final OutboundClient outbound;
    private final Duration timeout;

    Greenfield(OutboundClient outbound, Duration timeout) {
        this.outbound = outbound;
        this.timeout = timeout;
    }

    record Invoice(String id, String status, String checkoutLink) {
    }

    /** What went wrong, as the fan's answer needs it. */
    enum Trouble {
        /** It did not answer, or answered 5xx: worth trying again later. */
        UNREACHABLE,
        /** It is at an address this store does not call. */
        NOT_ALLOWED,
        /** It answered, but not with an invoice (a wrong key, a missing store). */
        REFUSED
    }

    /** The server did not answer, or answered with something other than an invoice. The message is a plain reason. */
    static final class GreenfieldException extends Exception {
        private final Trouble trouble;

        GreenfieldException(String message, Trouble trouble) {
            super(message, null, false, false);
            this.trouble = trouble;
        }

        Trouble trouble() {
            return trouble;
        }
    }

    Invoice create(PaymentAccounts.BtcPay account, ObjectNode invoice) throws GreenfieldException {
        OutboundUrl url = invoicesUrl(account, null);
        return send(OutboundCall.post(url, "application/json", invoice.toString()), account);
    }

    Invoice get(PaymentAccounts.BtcPay account, String invoiceId) throws GreenfieldException {
        return send(OutboundCall.get(invoicesUrl(account, invoiceId)), account);
    }

    private static OutboundUrl invoicesUrl(PaymentAccounts.BtcPay account, String invoiceId) throws GreenfieldException {
        try {
            return OutboundUrl.parseBase(account.url()).withPath("/api/v1/stores/" + segment(account.storeId()) + "/invoices"
                    + (invoiceId == null ? "" : "/" + segment(invoiceId)));
        } catch (OutboundUrl.Unusable e) {
            // Saved before today's checks: not a URL we call.
            throw new GreenfieldException("address not allowed", Trouble.NOT_ALLOWED);
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Invoice send(OutboundCall call, PaymentAccounts.BtcPay account) throws GreenfieldException {
        OutboundAnswer answer;
        try {
            answer = outbound.send(call.withTimeout(timeout).withMaxAnswerBytes(MAX_ANSWER)
                    .withHeader("Authorization", "token " + account.apiKey())
                    .withHeader("Accept", "application/json"));
        } catch (OutboundFailure f) {
            throw new GreenfieldException(f.reason(), switch (f.kind()) {
                case NOT_ALLOWED -> Trouble.NOT_ALLOWED;
                case ANSWERED -> f.status().orElse(500) >= 500 ? Trouble.UNREACHABLE : Trouble.REFUSED;
                default -> Trouble.UNREACHABLE;
            });
        }
        if (answer.cut()) {
            throw new GreenfieldException("answered with more than " + MAX_ANSWER + " bytes", Trouble.REFUSED);
        }
        JsonNode json;
        try {
            json = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new GreenfieldException("answered with something other than JSON", Trouble.REFUSED);
        }
        if (json == null || !json.path("id").isTextual()) {
            throw new GreenfieldException("answered without an invoice id", Trouble.REFUSED);
        }
        return new Invoice(json.path("id").textValue(), json.path("status").asText(""), json.path("checkoutLink").asText(null));
    }
}
