package gatefold.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route that reads a form takes a multipart body only up to its limit: 64 KiB of
 * fields, or 20 MiB where the form carries a cover. Larger bodies get 413 (a page for a
 * browser, JSON for a program), and no byte of them is left on disk.
 */
class FormLimitsTest {

    static final String BOUNDARY = "gatefoldlimit";
    static TestServer server;
    static ApiClient api;
    static ApiClient.NewArtist artist;
    static DashboardBrowser browser;
    static String release;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true"));
        api = new ApiClient(server);
        artist = api.newArtist("Form Filler", "forms@example.com");
        release = api.newRelease(artist.token(), Map.of("title", "Forms", "kind", "music", "pricing", "free"));
        browser = new DashboardBrowser(server);
        assertThat(browser.signIn("forms@example.com", "correct horse battery").statusCode()).isEqualTo(303);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Path spool() {
        return server.dataDir.resolve("tmp").resolve("forms");
    }

    static long spooledFiles() {
        try (Stream<Path> files = Files.walk(spool())) {
            return files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] head(String csrf, String fileField, String filename) {
        String text = (csrf == null ? "" : "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n")
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\""
                + (filename == null ? "" : "; filename=\"" + filename + "\"\r\nContent-Type: image/png") + "\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** A multipart body of about {@code size} bytes; fields only unless {@code filename} is given. */
    static byte[] form(String csrf, String field, String filename, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(csrf, field, filename));
        byte[] value = new byte[size];
        if (filename != null) {
            new Random(size).nextBytes(value);
            System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a}, 0, value, 0, 8);
        } else {
            java.util.Arrays.fill(value, (byte) 'a');
        }
        out.writeBytes(value);
        out.writeBytes(tail());
        return out.toByteArray();
    }

    static HttpResponse<String> post(String path, HttpRequest.BodyPublisher body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).POST(body)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY);
        return server.send(request, headers);
    }

    static HttpRequest.BodyPublisher chunked(byte[] body) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));
    }

    @Test
    void aFieldsOnlyFormPastItsLimitGets413AndNothingIsWritten() {
        byte[] big = form(null, "email", null, 100 * 1024);
        for (String path : new String[] {"/checkout/" + release, "/library", "/redeem", "/dashboard/signin"}) {
            HttpResponse<String> json = post(path, HttpRequest.BodyPublishers.ofByteArray(big), "Accept", "application/json");
            assertThat(json.statusCode()).as(path).isEqualTo(413);
            assertThat(json.body()).as(path).contains("\"error\":\"too_large\"").contains("64 KiB");
            HttpResponse<String> page = post(path, chunked(big), "Accept", "text/html");
            assertThat(page.statusCode()).as(path + " chunked").isEqualTo(413);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(page.body()).contains("too large");
        }
        assertThat(spooledFiles()).isZero();
        // A form within the limit still works, multipart or not.
        HttpResponse<String> small = post("/checkout/" + release,
                HttpRequest.BodyPublishers.ofByteArray(form(null, "email", null, 0)), "Accept", "application/json");
        assertThat(small.statusCode()).isNotEqualTo(413);
    }

    @Test
    void aCoverOfUpTo20MibIsTakenAndLeavesNoTemporaryFileBehind() {
        String page = "/dashboard/releases/" + release;
        String csrf = DashboardBrowser.csrfOf(browser.get(page).body());
        byte[] cover = form(csrf, "cover", "front.png", 3 * 1024 * 1024);
        // Halfway through, the image waits in our spool folder (not in memory, not in /tmp).
        AtomicBoolean spooled = new AtomicBoolean();
        InputStream body = new FilterInputStream(new ByteArrayInputStream(cover)) {
            long sent;

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (sent >= 2 * 1024 * 1024 && !spooled.get()) {
                    long until = System.nanoTime() + 10_000_000_000L;
                    while (spooledFiles() == 0 && System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    spooled.set(true);
                    assertThat(spooledFiles()).isPositive();
                }
                int n = super.read(buffer, offset, Math.min(length, 64 * 1024));
                sent += Math.max(0, n);
                return n;
            }
        };
        HttpResponse<String> sent = post(page + "/cover", HttpRequest.BodyPublishers.ofInputStream(() -> body),
                browser.headers("text/html"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(303);
        assertThat(spooled).isTrue();
        assertThat(api.get("/api/releases/" + release + "/files", artist.token()).body()).contains("\"role\":\"cover\"");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(spooledFiles()).isZero());
    }

    @Test
    void aCoverPastItsLimitGets413WithAPageAndNothingIsWritten() {
        String album = api.newRelease(artist.token(), Map.of("title", "Too Big", "kind", "music", "pricing", "free"));
        String page = "/dashboard/releases/" + album;
        String csrf = DashboardBrowser.csrfOf(browser.get(page).body());
        byte[] cover = form(csrf, "cover", "front.png", 21 * 1024 * 1024);

        HttpResponse<String> declared = post(page + "/cover", HttpRequest.BodyPublishers.ofByteArray(cover), browser.headers("text/html"));
        assertThat(declared.statusCode()).isEqualTo(413);
        assertThat(declared.body()).contains("20 MiB");
        HttpResponse<String> streamed = post(page + "/cover", chunked(cover), browser.headers("text/html"));
        assertThat(streamed.statusCode()).isEqualTo(413);
        assertThat(streamed.body()).contains("20 MiB");

        assertThat(spooledFiles()).isZero();
        assertThat(api.get("/api/releases/" + album + "/files", artist.token()).json()).isEmpty();
    }
}
