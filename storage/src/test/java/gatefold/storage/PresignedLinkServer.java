package gatefold.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The smallest honest stand-in for the Gatefold server's {@code /blobs/} route: it checks
 * a file-store link with {@link FileBlobStore#verifyPresigned} and then streams the blob
 * or stores the part, so tests fetch presigned URLs with a real HTTP client.
 */
final class PresignedLinkServer implements AutoCloseable {

    private static final String PREFIX = "/blobs/";

    private final HttpServer server;
    private FileBlobStore store;

    PresignedLinkServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    void serve(FileBlobStore store) {
        this.store = store;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                answer(exchange);
            } catch (StoreException | IllegalArgumentException e) {
                // Answered before the exchange closes, so the client reads why.
                exchange.sendResponseHeaders(e instanceof NoSuchBlobException || e instanceof NoSuchUploadException ? 404 : 400, -1);
            }
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String keyPath = exchange.getRequestURI().getPath().substring(PREFIX.length());
        PresignedAccess access;
        try {
            access = store.verifyPresigned(exchange.getRequestMethod(), keyPath,
                    query(exchange.getRequestURI().getRawQuery()), Instant.now());
        } catch (InvalidSignatureException | ExpiredSignatureException e) {
            exchange.sendResponseHeaders(403, -1);
            return;
        }
        if (access.isDownload()) {
            download(exchange, access);
        } else {
            // Held to the length the link names, as the server's own route does.
            PartInfo part = store.uploadPart(access.key(), access.uploadId(), access.partNumber(),
                    exchange.getRequestBody(), access.partLength());
            exchange.getResponseHeaders().set("ETag", '"' + part.etag() + '"');
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void download(HttpExchange exchange, PresignedAccess access) throws IOException {
        BlobInfo info = store.head(access.key()).orElseThrow(() -> new NoSuchBlobException("gone"));
        String type = access.contentType() != null ? access.contentType() : info.contentType();
        if (type != null) {
            exchange.getResponseHeaders().set("Content-Type", type);
        }
        exchange.getResponseHeaders().set("Content-Disposition", ContentDisposition.attachment(access.downloadFilename()));
        exchange.sendResponseHeaders(200, info.size() == 0 ? -1 : info.size());
        try (InputStream in = store.get(access.key(), ByteRange.ALL); OutputStream out = exchange.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return query;
    }
}
