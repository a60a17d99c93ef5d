package gatefold.server.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Requests a test leaves half done on purpose, so the server is in the middle of them when it dies. */
final class InFlight {

    private InFlight() {
    }

    /** A PUT whose headers promise {@code length} bytes and whose body stops after {@code sent} of them. */
    static Socket halfPut(String baseUrl, String path, String token, byte[] body, int sent) throws IOException {
        URI uri = URI.create(baseUrl + path);
        Socket socket = new Socket(uri.getHost(), uri.getPort());
        OutputStream out = socket.getOutputStream();
        String head = "PUT " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + body.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        // In slices, as a slow connection sends them.
        for (int at = 0; at < sent; at += 64 * 1024) {
            out.write(body, at, Math.min(64 * 1024, sent - at));
            out.flush();
        }
        return socket;
    }

    /** A download the fan has started and read {@code bytes} of; the rest waits in the connection. */
    record Download(HttpResponse<InputStream> response, byte[] received) {
        String etag() {
            return response.headers().firstValue("ETag").orElseThrow();
        }
    }

    static Download startDownload(HttpClient http, String link, int bytes) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(link)).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new AssertionError("download answered " + response.statusCode() + ": "
                    + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Download(response, response.body().readNBytes(bytes));
    }
}
