package gatefold.server.outbound;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A real HTTP server on 127.0.0.1 that counts the requests it gets and answers with a handler. */
final class LoopbackServer implements AutoCloseable {

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    static LoopbackServer start(Handler handler) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
            LoopbackServer loopback = new LoopbackServer(server);
            server.setExecutor(Executors.newCachedThreadPool(r -> {
                Thread t = new Thread(r, "loopback-server");
                t.setDaemon(true);
                return t;
            }));
            server.createContext("/", exchange -> {
                loopback.requests.incrementAndGet();
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    handler.handle(exchange);
                }
            });
            server.start();
            return loopback;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoopbackServer answering(int status, String body) {
        return start(exchange -> {
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            exchange.getResponseBody().write(bytes);
        });
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
