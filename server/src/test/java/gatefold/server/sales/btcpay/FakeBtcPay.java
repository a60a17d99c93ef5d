package gatefold.server.sales.btcpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A stand-in for a BTCPay Server's Greenfield API on a loopback port: create an invoice, read one. */
final class FakeBtcPay implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INVOICES = Pattern.compile("/api/v1/stores/([^/]+)/invoices(?:/([^/]+))?");
    private final HttpServer server;
    private final Map<String, ObjectNode> invoices = new ConcurrentHashMap<>();
    private final Map<String, String> apiKeys = new ConcurrentHashMap<>();
    final List<Call> calls = new CopyOnWriteArrayList<>();

    record Call(String method, String path, String authorization, JsonNode body) {
    }

    private FakeBtcPay(HttpServer server) {
        this.server = server;
    }

    static FakeBtcPay start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeBtcPay fake = new FakeBtcPay(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A store on this server, reachable with this API key. */
    void addStore(String storeId, String apiKey) {
        apiKeys.put(storeId, apiKey);
    }

    ObjectNode invoice(String id) {
        return invoices.get(id).deepCopy();
    }

    void setStatus(String invoiceId, String status) {
        invoices.get(invoiceId).put("status", status);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? null : JSON.readTree(raw);
            calls.add(new Call(method, path, auth, body));
            Matcher m = INVOICES.matcher(path);
            if (!m.matches() || !apiKeys.containsKey(m.group(1))) {
                answer(exchange, 404, JSON.createObjectNode().put("code", "store-not-found").put("message", "Store not found"));
                return;
            }
            String store = m.group(1);
            if (!("token " + apiKeys.get(store)).equals(auth)) {
                answer(exchange, 401, JSON.createObjectNode().put("code", "unauthenticated").put("message", "Authentication is required"));
                return;
            }
            if (method.equals("POST") && m.group(2) == null) {
                String id = UUID.randomUUID().toString().replace("-", "").substring(0, 22);
                ObjectNode invoice = JSON.createObjectNode();
                invoice.put("id", id);
                invoice.put("storeId", store);
                invoice.put("amount", body.path("amount").asText());
                invoice.put("currency", body.path("currency").asText());
                invoice.put("type", "Standard");
                invoice.put("checkoutLink", url() + "/i/" + id);
                invoice.put("status", "New");
                invoice.put("additionalStatus", "None");
                invoice.put("createdTime", System.currentTimeMillis() / 1000);
                invoice.put("expirationTime", System.currentTimeMillis() / 1000 + 900);
                invoice.set("metadata", body.path("metadata"));
                invoice.set("checkout", body.path("checkout"));
                invoices.put(id, invoice);
                answer(exchange, 200, invoice);
            } else if (method.equals("GET") && m.group(2) != null && invoices.containsKey(m.group(2))
                    && invoices.get(m.group(2)).path("storeId").asText().equals(store)) {
                answer(exchange, 200, invoices.get(m.group(2)));
            } else {
                answer(exchange, 404, JSON.createObjectNode().put("code", "invoice-not-found").put("message", "Invoice not found"));
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
