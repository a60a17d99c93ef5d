package gatefold.server.sales.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Gatefold for payment tests: artists with their payment accounts, releases with a
 * file, fans checking out, and providers posting (signed) events at the webhook URLs.
 */
public final class Shop implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    public final TestServer server;
    public final ApiClient api;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public Shop(Map<String, String> settings) {
        this.server = TestServer.start(settings);
        this.api = new ApiClient(server);
    }

    /** An artist with a store, their payment accounts as {@code PUT /api/me/payments} takes them, and one release for sale. */
    public record Seller(String id, String slug, String token, String releaseId, byte[] file) {
    }

    public Seller seller(Map<String, Object> paymentSettings) {
        int n = COUNTER.incrementAndGet();
        ApiClient.NewArtist artist = api.newArtist("Payee " + n, "payee" + n + "@example.com");
        Reply saved = api.send("PUT", "/api/me/payments", artist.token(), paymentSettings);
        assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
        byte[] file = new byte[20_000];
        new Random(n).nextBytes(file);
        String release = api.newRelease(artist.token(), Map.of("title", "Cassette " + n, "kind", "other", "pricing", "fixed", "price", "7.00"));
        assertThat(api.put("/api/releases/" + release + "/files/a.bin", artist.token(), HttpRequest.BodyPublishers.ofByteArray(file))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + release + "/publish", artist.token(), null).status()).isEqualTo(200);
        return new Seller(artist.id(), artist.slug(), artist.token(), release, file);
    }

    /** A fan starts a checkout: 201 with the purchase id, where to pay, and the receipt. */
    public Reply checkout(Seller seller, String provider) {
        return api.post("/checkout/" + seller.releaseId(), null, Map.of("email", "fan@example.com", "provider", provider));
    }

    public Reply receipt(String receiptUrl) {
        return api.exchange(HttpRequest.newBuilder(URI.create(receiptUrl)).header("Accept", "application/json"));
    }

    public String status(String purchaseId) {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery("SELECT status FROM purchases WHERE id = :id")
                .bind("id", purchaseId).mapTo(String.class).one());
    }

    public int providerEvents(String provider) {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM provider_events WHERE provider = :p").bind("p", provider).mapTo(Integer.class).one());
    }

    /** Posts exactly these bytes, as the provider would, with the given headers. */
    public Reply webhook(String provider, String slug, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url("/webhooks/" + provider + "/" + slug)))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return api.exchange(request);
    }

    /** Fetches a download link; the status says whether it still works. */
    public HttpResponse<byte[]> download(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    public static String firstDownload(Reply receipt) {
        JsonNode downloads = receipt.json().path("downloads");
        assertThat(downloads).as(receipt.toString()).isNotEmpty();
        return downloads.get(0).path("url").asText();
    }

    @Override
    public void close() {
        server.close();
    }
}
