package gatefold.server.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An artist's own website on another origin: a JDK HTTP server on its own loopback port
 * that serves one HTML page, for tests of what other sites embed.
 */
public final class HostPage implements AutoCloseable {

    private final HttpServer server;

    private HostPage(HttpServer server) {
        this.server = server;
    }

    public static HostPage serving(String html) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            server.createContext("/", exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/") ? 200 : 404, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return new HostPage(server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's address, e.g. http://127.0.0.1:41234/ */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
