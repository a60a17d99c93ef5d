package gatefold.server.cli.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in front of a store's /blobs part URLs (as its GATEFOLD_BASE_URL) and cuts the
 * connection of the first part PUT halfway through its body, the way a flaky home
 * connection would; every other request is passed on untouched.
 */
final class DroppingProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding");
    private final HttpServer http;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final AtomicInteger partPuts = new AtomicInteger();
    private volatile URI target;

    DroppingProxy() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    void forwardTo(String storeUrl) {
        target = URI.create(storeUrl);
    }

    /** Part PUTs that reached the proxy, the dropped one included. */
    int partPuts() {
        return partPuts.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        boolean part = exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().startsWith("/blobs/");
        if (part && partPuts.incrementAndGet() == 1) {
            try (InputStream body = exchange.getRequestBody()) {
                body.readNBytes(1024 * 1024);
            }
            // An exception out of a handler makes the JDK server drop the connection without answering.
            throw new IOException("connection cut on purpose");
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(v -> forward.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
