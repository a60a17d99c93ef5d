package gatefold.server.sales.btcpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import gatefold.server.sales.PaymentAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The two calls of BTCPay Server's Greenfield API a checkout needs: create an invoice, and read one. */
final class Greenfield {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** An invoice is a few kilobytes; more than this is not an invoice. */
    private static final int MAX_ANSWER = 1024 * 1024;
    private final Duration connectTimeout;
    private final Duration timeout;
    private HttpClient http;

    Greenfield(Duration connectTimeout, Duration timeout) {
        this.connectTimeout = connectTimeout;
        this.timeout = timeout;
    }

    /** Built at the first invoice, not at start: a client's TLS setup is a noticeable part of a cold start. */
    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    record Invoice(String id, String status, String checkoutLink) {
    }

    /** The server did not answer, or answered with something other than success. */
    static final class GreenfieldException extends Exception {
        private final boolean unreachable;

        GreenfieldException(String message, boolean unreachable) {
            super(message, null, false, false);
            this.unreachable = unreachable;
        }

        /** True when it did not answer (or answered 5xx): worth trying again later. */
        boolean unreachable() {
            return unreachable;
        }
    }

    Invoice create(PaymentAccounts.BtcPay account, ObjectNode invoice) throws GreenfieldException {
        HttpRequest request = request(account, invoicesUri(account, null))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(invoice.toString(), StandardCharsets.UTF_8))
                .build();
        return send(request);
    }

    Invoice get(PaymentAccounts.BtcPay account, String invoiceId) throws GreenfieldException {
        return send(request(account, invoicesUri(account, invoiceId)).GET().build());
    }

    private HttpRequest.Builder request(PaymentAccounts.BtcPay account, URI uri) {
        return HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", "token " + account.apiKey())
                .header("Accept", "application/json");
    }

    private static URI invoicesUri(PaymentAccounts.BtcPay account, String invoiceId) {
        String base = account.url().endsWith("/") ? account.url().substring(0, account.url().length() - 1) : account.url();
        String uri = base + "/api/v1/stores/" + segment(account.storeId()) + "/invoices" + (invoiceId == null ? "" : "/" + segment(invoiceId));
        return URI.create(uri);
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Invoice send(HttpRequest request) throws GreenfieldException {
        HttpResponse<InputStream> response;
        byte[] body;
        try {
            response = http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                body = in.readNBytes(MAX_ANSWER + 1);
            }
        } catch (IOException e) {
            throw new GreenfieldException("no answer (" + e.getClass().getSimpleName() + ")", true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GreenfieldException("interrupted", true);
        }
        int status = response.statusCode();
        if (status >= 500) {
            throw new GreenfieldException("answered " + status, true);
        }
        if (status < 200 || status > 299) {
            throw new GreenfieldException("answered " + status, false);
        }
        if (body.length > MAX_ANSWER) {
            throw new GreenfieldException("answered with more than " + MAX_ANSWER + " bytes", false);
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new GreenfieldException("answered with something other than JSON", false);
        }
        if (json == null || !json.path("id").isTextual()) {
            throw new GreenfieldException("answered without an invoice id", false);
        }
        return new Invoice(json.path("id").textValue(), json.path("status").asText(""), json.path("checkoutLink").asText(null));
    }
}
