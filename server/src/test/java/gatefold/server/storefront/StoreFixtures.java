package gatefold.server.storefront;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import javax.imageio.ImageIO;

/** Releases with covers and audio for the storefront tests, and a browser-like client that follows nothing. */
final class StoreFixtures {

    final TestServer server;
    final ApiClient api;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    StoreFixtures(TestServer server) {
        this.server = server;
        this.api = new ApiClient(server);
    }

    String release(String token, Map<String, Object> fields) {
        return api.newRelease(token, fields);
    }

    void upload(String token, String releaseId, String name, byte[] bytes) {
        ApiClient.Reply reply = api.put("/api/releases/" + releaseId + "/files/" + ApiClient.enc(name), token,
                HttpRequest.BodyPublishers.ofByteArray(bytes));
        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    }

    void publish(String token, String releaseId) {
        ApiClient.Reply reply = api.post("/api/releases/" + releaseId + "/publish", token, null);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    }

    String urlOf(String token, String releaseId) {
        return URI.create(api.get("/api/releases/" + releaseId, token).text("url")).getPath();
    }

    /** A page as a browser asks for it. */
    HttpResponse<String> page(String path) {
        return send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/html,application/xhtml+xml"));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> bytes(String pathOrUrl) {
        URI uri = pathOrUrl.startsWith("http") ? URI.create(pathOrUrl) : URI.create(server.url(pathOrUrl));
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A silent 8 kHz, 8-bit mono WAV of the given length. */
    static byte[] wav(int seconds) {
        int data = 8000 * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(8000)
                .putShort((short) 1).putShort((short) 8);
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < data; i++) {
            b.put((byte) 128);
        }
        return b.array();
    }

    /** A real FLAC of silence, made by ffmpeg, so checking it at upload finds nothing wrong. */
    static byte[] realFlac(int seconds) {
        try {
            java.nio.file.Path out = java.nio.file.Files.createTempFile("gatefold-silence", ".flac");
            Process ffmpeg = new ProcessBuilder(gatefold.server.OsTool.FFMPEG.require().toString(), "-nostdin", "-v", "error", "-y",
                    "-f", "lavfi", "-i", "anullsrc=r=44100:cl=stereo", "-t", Integer.toString(seconds), "-c:a", "flac",
                    out.toString()).redirectErrorStream(true).start();
            String said = new String(ffmpeg.getInputStream().readAllBytes());
            assertThat(ffmpeg.waitFor()).as(said).isZero();
            byte[] bytes = java.nio.file.Files.readAllBytes(out);
            java.nio.file.Files.delete(out);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The start of a FLAC file: the marker and a STREAMINFO block for 44.1 kHz stereo of the given length. */
    static byte[] flac(long seconds) {
        byte[] out = new byte[4 + 4 + 34 + 64];
        System.arraycopy("fLaC".getBytes(), 0, out, 0, 4);
        out[4] = (byte) 0x80; // last metadata block, type STREAMINFO
        out[7] = 34;
        int p = 8 + 10;
        long rate = 44100;
        long samples = rate * seconds;
        out[p] = (byte) (rate >> 12);
        out[p + 1] = (byte) (rate >> 4);
        out[p + 2] = (byte) (((rate & 0x0f) << 4) | (1 << 1)); // two channels
        out[p + 3] = (byte) ((15 << 4) | ((samples >> 32) & 0x0f)); // 16 bits per sample
        out[p + 4] = (byte) (samples >> 24);
        out[p + 5] = (byte) (samples >> 16);
        out[p + 6] = (byte) (samples >> 8);
        out[p + 7] = (byte) samples;
        return out;
    }

    static byte[] image(String format, int width, int height, Color color) {
        BufferedImage img = new BufferedImage(width, height, format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, width, height / 2);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(img, format, out)).isTrue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
