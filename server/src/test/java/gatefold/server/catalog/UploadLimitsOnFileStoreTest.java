package gatefold.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UploadLimitsOnFileStoreTest extends UploadLimitsContract {

    @BeforeAll
    static void start() {
        server = TestServer.start();
        api = new ApiClient(server);
    }

    @Override
    int storedObjects() {
        return StoredObjects.onFileStore(server.dataDir);
    }

    /** This server takes the local store's parts itself, so it says why in JSON, before reading a byte. */
    @Test
    void theLocalStoreRefusesALongerPartWith413BeforeReadingAndStopsAChunkedOneAtItsSize() throws IOException {
        String uploadId = startUpload("bound.flac", 8 * MIB + 100).text("uploadId");
        Reply where = partUrl(uploadId, 1);
        int before = storedObjects();

        // Only the head is sent: the answer comes before any byte of the body.
        String declared = headOnly(URI.create(where.text("url")), 8 * MIB + 1);
        assertThat(declared).startsWith("HTTP/1.1 413").contains("\"error\":\"too_large\"").contains(Long.toString(8 * MIB));

        byte[] tooMuch = new byte[(int) (8 * MIB + 64 * 1024)];
        Reply chunked = api.exchange(HttpRequest.newBuilder(URI.create(where.text("url")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooMuch))));
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(chunked.text("error")).isEqualTo("too_large");

        Reply chunkedShort = api.exchange(HttpRequest.newBuilder(URI.create(where.text("url")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[1000]))));
        assertThat(chunkedShort.status()).isEqualTo(400);
        assertThat(storedObjects()).isEqualTo(before);
        assertThat(tempFiles()).isZero();

        Reply exact = api.exchange(HttpRequest.newBuilder(URI.create(where.text("url")))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(new byte[(int) (8 * MIB)]))));
        assertThat(exact.status()).as(exact.toString()).isEqualTo(200);
    }

    private static String headOnly(URI url, long contentLength) throws IOException {
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: " + url.getHost()
                    + "\r\nContent-Length: " + contentLength + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static int tempFiles() {
        return StoredObjects.visibleFiles(server.dataDir.resolve("store/tmp"));
    }
}
