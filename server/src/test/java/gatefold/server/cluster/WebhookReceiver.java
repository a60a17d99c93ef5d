package gatefold.server.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import gatefold.server.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A seller's webhook endpoint on loopback that keeps the purchase id of every sale it is told about. */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> purchases = new CopyOnWriteArrayList<>();

    private WebhookReceiver(HttpServer server) {
        this.server = server;
    }

    static WebhookReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            WebhookReceiver receiver = new WebhookReceiver(server);
            server.createContext("/hook", exchange -> {
                JsonNode body = ApiClient.JSON.readTree(exchange.getRequestBody());
                if ("sale.confirmed".equals(exchange.getRequestHeaders().getFirst("Gatefold-Event"))) {
                    receiver.purchases.add(body.path("purchase").path("id").asText());
                }
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Every sale.confirmed delivery's purchase id, repeats included. */
    List<String> purchases() {
        return List.copyOf(purchases);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
