package gatefold.server.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import gatefold.server.config.ConfigException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /metrics} on a port of its own (GATEFOLD_METRICS_PORT), without a token: for a
 * scraper on the same machine or a private network, never for the public. It listens on
 * loopback unless GATEFOLD_HOST names an address. The JDK's small HTTP server is enough for
 * one scraper every few seconds and keeps this apart from the fans' server.
 */
public final class MetricsPort implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsPort(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    public static MetricsPort open(String host, int port, Metrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new ConfigException("GATEFOLD_METRICS_PORT=" + port + " cannot be listened on at " + host + " (" + e.getMessage()
                    + "); choose a free port");
        }
        server.createContext("/", exchange -> answer(exchange, metrics));
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "gatefold-metrics-port");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsPort(server, executor);
    }

    private static void answer(HttpExchange exchange, Metrics metrics) throws IOException {
        try (exchange) {
            boolean found = exchange.getRequestURI().getPath().equals("/metrics");
            boolean get = exchange.getRequestMethod().equals("GET") || exchange.getRequestMethod().equals("HEAD");
            byte[] body = (found && get ? metrics.scrape() : found ? "method not allowed\n" : "not found\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", found && get ? Metrics.CONTENT_TYPE : "text/plain; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = exchange.getRequestMethod().equals("HEAD");
            exchange.sendResponseHeaders(found && get ? 200 : found ? 405 : 404, head ? -1 : body.length);
            if (!head) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
