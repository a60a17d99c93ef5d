package gatefold.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading an object over a bare socket: every way a store's answer can arrive, or not. */
class PlainHttpGetTest {

    /** A one-connection server on loopback that answers with whatever {@code answer} writes. */
    interface Answer {
        void write(String request, OutputStream out) throws Exception;
    }

    record OneShot(ServerSocket socket, CompletableFuture<String> request) implements AutoCloseable {
        static OneShot serve(Answer answer) throws IOException {
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            CompletableFuture<String> request = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    InputStream in = client.getInputStream();
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        head.write(b);
                    }
                    request.complete(head.toString(StandardCharsets.ISO_8859_1));
                    answer.write(request.join(), client.getOutputStream());
                    client.getOutputStream().flush();
                } catch (Exception e) {
                    request.completeExceptionally(e);
                }
            });
            thread.setDaemon(true);
            thread.start();
            return new OneShot(socket, request);
        }

        URL url() throws IOException {
            return new URL("http://127.0.0.1:" + socket.getLocalPort() + "/bucket/key?X-Amz-Signature=abc");
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    static PlainHttpGet open(OneShot server, ByteRange range, int timeoutMillis) throws IOException {
        return PlainHttpGet.open(server.url(), Map.of("host", List.of("127.0.0.1:" + server.socket().getLocalPort())), range,
                2_000, timeoutMillis);
    }

    static byte[] readAll(PlainHttpGet in, boolean direct) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(7_000) : null;
        byte[] array = new byte[5_000];
        while (true) {
            int n;
            if (direct) {
                n = in.read(buffer.clear());
                if (n > 0) {
                    byte[] got = new byte[n];
                    buffer.flip().get(got);
                    all.write(got);
                }
            } else {
                n = in.read(array, 0, array.length);
                if (n > 0) {
                    all.write(array, 0, n);
                }
            }
            if (n < 0) {
                return all.toByteArray();
            }
        }
    }

    @Test
    void anAnswerTrickledInSmallPiecesArrivesWhole() throws Exception {
        byte[] body = new byte[100_000];
        new Random(3).nextBytes(body);
        for (boolean direct : new boolean[] {true, false}) {
            try (OneShot server = OneShot.serve((request, out) -> {
                byte[] head = ("HTTP/1.1 206 Partial Content\r\nContent-Length: " + body.length
                        + "\r\nContent-Range: bytes 10-100009/200000\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                byte[] all = new byte[head.length + body.length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                for (int i = 0; i < all.length; i += 9_973) {
                    out.write(all, i, Math.min(9_973, all.length - i));
                    out.flush();
                    Thread.sleep(1);
                }
            }); PlainHttpGet in = open(server, ByteRange.of(10, 100_009), 5_000)) {
                assertThat(readAll(in, direct)).isEqualTo(body);
                assertThat(server.request().get(5, TimeUnit.SECONDS))
                        .startsWith("GET /bucket/key?X-Amz-Signature=abc HTTP/1.1\r\n")
                        .contains("host: 127.0.0.1:" + server.socket().getLocalPort() + "\r\n")
                        .contains("Range: bytes=10-100009\r\n");
                assertThat(in.read()).isEqualTo(-1);
            }
        }
    }

    @Test
    void aStoreThatGoesQuietFailsTheReadInsteadOfHangingIt() throws Exception {
        try (OneShot silent = OneShot.serve((request, out) -> Thread.sleep(5_000))) {
            long started = System.nanoTime();
            assertThatThrownBy(() -> open(silent, ByteRange.ALL, 300)).isInstanceOf(SocketTimeoutException.class);
            assertThat(System.nanoTime() - started).isLessThan(3_000_000_000L);
        }
        try (OneShot stalls = OneShot.serve((request, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nhalf".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(5_000);
        }); PlainHttpGet in = open(stalls, ByteRange.ALL, 300)) {
            assertThat(in.read(new byte[100], 0, 100)).isEqualTo(4);
            assertThatThrownBy(() -> in.read(new byte[100], 0, 100)).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void aConnectionCutBeforeTheLastByteIsAnErrorNotAnEnd() throws Exception {
        try (OneShot cut = OneShot.serve((request, out) ->
                out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly this".getBytes(StandardCharsets.ISO_8859_1)));
             PlainHttpGet in = open(cut, ByteRange.ALL, 2_000)) {
            assertThatThrownBy(() -> readAll(in, true)).isInstanceOf(EOFException.class).hasMessageContaining("991 bytes");
        }
    }

    @Test
    void anErrorAnswerCarriesItsStatusAndS3Code() throws Exception {
        String xml = "<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code><Message>gone</Message></Error>";
        try (OneShot missing = OneShot.serve((request, out) -> out.write(("HTTP/1.1 404 Not Found\r\nContent-Length: "
                + xml.length() + "\r\nContent-Type: application/xml\r\n\r\n" + xml).getBytes(StandardCharsets.UTF_8)))) {
            assertThatThrownBy(() -> open(missing, ByteRange.ALL, 2_000))
                    .isInstanceOfSatisfying(PlainHttpGet.Refused.class, e -> {
                        assertThat(e.status).isEqualTo(404);
                        assertThat(e.body).isEqualTo(xml);
                    });
        }
        assertThat(S3Failures.translate(S3Failures.serviceError(404, xml), "read k", "http://x"))
                .isInstanceOf(NoSuchBlobException.class);
        assertThat(S3Failures.translate(S3Failures.serviceError(503, "<Error><Code>SlowDown</Code></Error>"), "read k", "http://x"))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void anAnswerWithoutALengthIsLeftToTheSdk() throws Exception {
        try (OneShot chunked = OneShot.serve((request, out) -> out.write(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)))) {
            assertThat(open(chunked, ByteRange.ALL, 2_000)).isNull();
        }
    }

    @Test
    void nothingListeningIsAnIoError() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        assertThatThrownBy(() -> PlainHttpGet.open(new URL("http://127.0.0.1:" + port + "/b/k"), Map.of(), ByteRange.ALL, 1_000, 1_000))
                .isInstanceOf(IOException.class);
    }
}
