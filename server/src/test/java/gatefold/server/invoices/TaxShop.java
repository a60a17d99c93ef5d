package gatefold.server.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.OsTool;
import gatefold.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A store with test payments for the tax and invoice tests: artists with a seller profile and
 * rates, releases at a price, fans buying from a country, and the invoice PDFs read back with
 * pdftotext and checked with qpdf.
 */
final class TaxShop {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    final TestServer server;
    final ApiClient api;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    TaxShop(TestServer server) {
        this.server = server;
        this.api = new ApiClient(server);
    }

    record Seller(String id, String slug, String token) {
    }

    Seller artist() {
        int n = COUNTER.incrementAndGet();
        ApiClient.NewArtist created = api.newArtist("Seller Band " + n, "seller" + n + "-" + System.nanoTime() + "@example.com");
        return new Seller(created.id(), created.slug(), created.token());
    }

    /** A seller profile as PUT /api/me/seller takes it, with invoices on and prefix GF unless {@code overrides} say otherwise. */
    Reply profile(Seller seller, Map<String, Object> overrides) {
        Map<String, Object> profile = new LinkedHashMap<>(Map.of("legalName", "Låga Vågor Musik AB", "address",
                "Storgatan 1\n111 22 Stockholm\nSweden", "taxId", "SE556677889901", "invoicePrefix", "GF", "invoices", true,
                "pricesIncludeTax", true));
        profile.putAll(overrides);
        return api.send("PUT", "/api/me/seller", seller.token(), profile);
    }

    Reply rates(Seller seller, List<Map<String, String>> rates) {
        Reply reply = api.send("PUT", "/api/me/tax-rates", seller.token(), rates);
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    /** A published release at {@code price} (or pay-what-you-want from {@code minPrice} when price is null), with one file. */
    String release(Seller seller, String price, String minPrice) {
        Map<String, Object> fields = new HashMap<>(Map.of("title", "Cassette " + COUNTER.incrementAndGet(), "kind", "other"));
        if (price != null) {
            fields.put("pricing", "fixed");
            fields.put("price", price);
        } else {
            fields.put("pricing", "pwyw");
            fields.put("minPrice", minPrice);
        }
        String id = api.newRelease(seller.token(), fields);
        assertThat(api.put("/api/releases/" + id + "/files/a.bin", seller.token(), HttpRequest.BodyPublishers.ofByteArray(new byte[2048]))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + id + "/publish", seller.token(), null).status()).isEqualTo(200);
        return id;
    }

    /** A JSON checkout with test payments; {@code fields} adds country, amount, buyer and so on. */
    Reply checkout(String releaseId, Map<String, Object> fields) {
        Map<String, Object> body = new HashMap<>(Map.of("email", "fan@example.com", "provider", "test"));
        body.putAll(fields);
        return api.post("/checkout/" + releaseId, null, body);
    }

    /** The fan presses "Pay (test mode)"; returns the receipt as JSON. */
    JsonNode pay(Reply started) {
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(303);
        return receipt(started.text("receiptUrl"));
    }

    JsonNode buy(String releaseId, Map<String, Object> fields) {
        return pay(checkout(releaseId, fields));
    }

    JsonNode receipt(String url) {
        return api.exchange(HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json")).json();
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<byte[]> fetch(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    byte[] pdf(String url) {
        HttpResponse<byte[]> res = fetch(url);
        assertThat(res.statusCode()).as(url).isEqualTo(200);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("application/pdf");
        return res.body();
    }

    /** What pdftotext reads in the PDF (layout kept, so a line of the invoice stays one line). */
    static String text(byte[] pdf) {
        return run(pdf, OsTool.PDFTOTEXT.require().toString(), "-layout", "-enc", "UTF-8", "{}", "-");
    }

    /** qpdf --check's verdict; the test fails unless the structure is sound. */
    static String qpdfCheck(byte[] pdf) {
        return run(pdf, OsTool.QPDF.require().toString(), "--check", "{}");
    }

    private static String run(byte[] pdf, String... command) {
        try {
            Path file = Files.createTempFile("invoice", ".pdf");
            Files.write(file, pdf);
            List<String> args = java.util.Arrays.stream(command).map(a -> a.equals("{}") ? file.toString() : a).toList();
            Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(String.join(" ", args) + ":\n" + out).isZero();
            Files.delete(file);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> rate(String country, String rate, String label) {
        return Map.of("country", country, "rate", rate, "label", label);
    }
}
