package gatefold.server.sales.stripe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for Stripe's API on a loopback port: creates and retrieves Checkout Sessions
 * in Stripe's wire format (form-encoded requests, JSON answers), as stripe-java calls them.
 * A test plays the fan paying with {@link #markPaid}, or with Stripe Tax at work with
 * {@link #markPaidWithTax}: the session then carries {@code automatic_tax},
 * {@code total_details.amount_tax} and {@code customer_details.address.country}, and its
 * {@code total_details.breakdown} (the rate) only when retrieved with that expansion, as Stripe does.
 */
public final class FakeStripe implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final Map<String, ObjectNode> sessions = new ConcurrentHashMap<>();
    private final Map<String, String> sessionAccounts = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> breakdowns = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> connected = ConcurrentHashMap.newKeySet();
    private volatile String platformKey;

    /** One request as Stripe would see it: who asked (key, connected account) and with what. */
    record Call(String method, String path, String apiKey, String stripeAccount, Map<String, String> form) {
    }

    private FakeStripe(HttpServer server) {
        this.server = server;
    }

    public static FakeStripe start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeStripe fake = new FakeStripe(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An account that has connected to the platform whose secret key is {@code platformKey}. */
    void connect(String platformKey, String accountId) {
        this.platformKey = platformKey;
        connected.add(accountId);
    }

    public String apiBase() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    ObjectNode session(String id) {
        return shown(sessions.get(id));
    }

    /** A copy as Stripe would send it, without what the fake keeps for itself. */
    private static ObjectNode shown(ObjectNode session) {
        ObjectNode copy = session.deepCopy();
        copy.remove("x_tax_behavior");
        return copy;
    }

    /** The fan paid on Stripe's page: the session is complete and has its PaymentIntent. */
    public ObjectNode markPaid(String id) {
        ObjectNode session = sessions.get(id);
        session.put("payment_status", "paid");
        session.put("status", "complete");
        session.put("payment_intent", "pi_test_" + random());
        return shown(session);
    }

    /**
     * The fan paid from {@code country}, and Stripe Tax charged {@code rate} percent there: on
     * top of the price for {@code tax_behavior=exclusive}, out of it for {@code inclusive}
     * (half-up, in minor units).
     */
    ObjectNode markPaidWithTax(String id, String country, String rate, String label) {
        ObjectNode session = sessions.get(id);
        java.math.BigDecimal percent = new java.math.BigDecimal(rate);
        long unit = session.path("amount_subtotal").asLong();
        boolean inclusive = "inclusive".equals(session.path("x_tax_behavior").asText());
        java.math.BigDecimal base = java.math.BigDecimal.valueOf(unit).multiply(percent);
        long tax = base.divide(inclusive ? percent.add(java.math.BigDecimal.valueOf(100)) : java.math.BigDecimal.valueOf(100), 0,
                java.math.RoundingMode.HALF_UP).longValueExact();
        long total = inclusive ? unit : unit + tax;
        session.put("amount_total", total);
        ((ObjectNode) session.get("total_details")).put("amount_tax", tax);
        ((ObjectNode) session.get("automatic_tax")).put("status", "complete");
        ObjectNode customer = session.putObject("customer_details");
        customer.put("email", session.path("customer_email").asText());
        ObjectNode address = customer.putObject("address");
        address.put("country", country);
        address.putNull("postal_code");
        customer.put("tax_exempt", "none");
        ObjectNode breakdown = JSON.createObjectNode();
        breakdown.putArray("discounts");
        ObjectNode line = breakdown.putArray("taxes").addObject();
        line.put("amount", tax);
        ObjectNode taxRate = line.putObject("rate");
        taxRate.put("id", "txr_test_" + random());
        taxRate.put("object", "tax_rate");
        taxRate.put("active", true);
        taxRate.put("country", country);
        taxRate.put("display_name", label);
        taxRate.put("inclusive", inclusive);
        taxRate.put("percentage", percent);
        taxRate.put("effective_percentage", percent);
        taxRate.put("tax_type", "vat");
        line.put("taxability_reason", "standard_rated");
        line.put("taxable_amount", total - tax);
        breakdowns.put(id, breakdown);
        return markPaid(id);
    }

    /** The fan chose a slow payment method: the session is complete, the money not there yet. */
    ObjectNode markCompletedUnpaid(String id) {
        ObjectNode session = sessions.get(id);
        session.put("status", "complete");
        session.put("payment_intent", "pi_test_" + random());
        return shown(session);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String account = exchange.getRequestHeaders().getFirst("Stripe-Account");
            Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            // A GET's parameters (expand[0]=...) travel in the query.
            String query = exchange.getRequestURI().getRawQuery();
            form.putAll(decode(query == null ? "" : query));
            String key = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : null;
            calls.add(new Call(method, path, key, account, form));
            if (key == null || !key.startsWith("sk_test_")) {
                error(exchange, 401, "authentication_error", "Invalid API Key provided");
                return;
            }
            if (method.equals("POST") && path.equals("/v1/checkout/sessions")) {
                ObjectNode session = create(form);
                sessions.put(session.path("id").asText(), session);
                sessionAccounts.put(session.path("id").asText(), account == null ? "" : account);
                answer(exchange, 200, shown(session));
            } else if (method.equals("GET") && path.startsWith("/v1/checkout/sessions/")) {
                String id = path.substring("/v1/checkout/sessions/".length());
                ObjectNode session = sessions.get(id);
                if (session == null || !sessionAccounts.get(id).equals(account == null ? "" : account)) {
                    error(exchange, 404, "invalid_request_error", "No such checkout.session: '" + id + "'");
                    return;
                }
                ObjectNode shown = shown(session);
                if (form.containsValue("total_details.breakdown")) {
                    ((ObjectNode) shown.get("total_details")).set("breakdown", breakdowns.getOrDefault(id, emptyBreakdown()));
                }
                answer(exchange, 200, shown);
            } else if (method.equals("GET") && path.startsWith("/v1/accounts/")) {
                String id = path.substring("/v1/accounts/".length());
                if (!key.equals(platformKey) || !connected.contains(id)) {
                    // Stripe's answer when a platform asks about an account not connected to it.
                    error(exchange, 403, "invalid_request_error", "The provided key 'sk_test_***' does not have access to account '"
                            + id + "' (or that account does not exist). Application access may have been revoked.");
                    return;
                }
                answer(exchange, 200, Map.of("id", id, "object", "account", "charges_enabled", true));
            } else {
                error(exchange, 404, "invalid_request_error", "Unrecognized request URL (" + method + ": " + path + ")");
            }
        }
    }

    private ObjectNode create(Map<String, String> form) {
        String id = "cs_test_" + random();
        ObjectNode session = JSON.createObjectNode();
        session.put("id", id);
        session.put("object", "checkout.session");
        session.put("mode", form.get("mode"));
        session.put("status", "open");
        session.put("payment_status", "unpaid");
        session.put("url", apiBase() + "/c/pay/" + id);
        session.put("client_reference_id", form.get("client_reference_id"));
        session.put("customer_email", form.get("customer_email"));
        session.put("currency", form.get("line_items[0][price_data][currency]"));
        long unit = Long.parseLong(form.getOrDefault("line_items[0][price_data][unit_amount]", "0"));
        long quantity = Long.parseLong(form.getOrDefault("line_items[0][quantity]", "1"));
        session.put("amount_total", unit * quantity);
        session.put("amount_subtotal", unit * quantity);
        boolean automaticTax = "true".equals(form.get("automatic_tax[enabled]"));
        ObjectNode tax = session.putObject("automatic_tax");
        tax.put("enabled", automaticTax);
        tax.putNull("liability");
        if (automaticTax) {
            tax.put("status", "requires_location_inputs");
        } else {
            tax.putNull("status");
        }
        ObjectNode totals = session.putObject("total_details");
        totals.put("amount_discount", 0);
        totals.put("amount_shipping", 0);
        totals.put("amount_tax", 0);
        session.putNull("customer_details");
        // Kept for the fake's own arithmetic, never sent: Stripe shows it on the line items, not the session.
        session.put("x_tax_behavior", form.getOrDefault("line_items[0][price_data][tax_behavior]", "unspecified"));
        session.put("success_url", form.get("success_url"));
        session.put("cancel_url", form.get("cancel_url"));
        session.putNull("payment_intent");
        session.put("livemode", false);
        session.put("created", System.currentTimeMillis() / 1000);
        ObjectNode metadata = session.putObject("metadata");
        form.forEach((k, v) -> {
            if (k.startsWith("metadata[") && k.endsWith("]")) {
                metadata.put(k.substring("metadata[".length(), k.length() - 1), v);
            }
        });
        return session;
    }

    private static ObjectNode emptyBreakdown() {
        ObjectNode breakdown = JSON.createObjectNode();
        breakdown.putArray("discounts");
        breakdown.putArray("taxes");
        return breakdown;
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        if (body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            form.put(k, v);
        }
        return form;
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_test_" + random());
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        answer(exchange, status, Map.of("error", Map.of("type", type, "message", message)));
    }

    private static String random() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
