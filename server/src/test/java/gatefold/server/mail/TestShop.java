package gatefold.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A store on a test server with artists, published releases and fans buying: what the mail, library and code tests share. */
public final class TestShop {

    /** The settings most shop tests start their server with: the test-payment button on. */
    public static final Map<String, String> TEST_PAYMENTS = Map.of("GATEFOLD_PAYMENTS_TEST", "true");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    public final TestServer server;
    public final ApiClient api;
    public final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    public TestShop(TestServer server) {
        this.server = server;
        this.api = new ApiClient(server);
    }

    public record Seller(String id, String token, String email) {
    }

    public record Published(String id, byte[] bytes) {
    }

    public Seller artist(String name) {
        int n = COUNTER.incrementAndGet();
        String email = "artist" + n + "@example.com";
        ApiClient.NewArtist created = api.newArtist(name + " " + n, email);
        return new Seller(created.id(), created.token(), email);
    }

    /** A published release with one 40 kB file, a.bin, of random bytes. */
    public Published release(Seller seller, String title, String pricing) {
        Map<String, Object> fields = new HashMap<>(Map.of("title", title, "kind", "other", "pricing", pricing));
        if (pricing.equals("fixed")) {
            fields.put("price", "7.00");
        }
        String id = api.newRelease(seller.token(), fields);
        byte[] bytes = new byte[40_000];
        new Random(COUNTER.incrementAndGet()).nextBytes(bytes);
        assertThat(api.put("/api/releases/" + id + "/files/a.bin", seller.token(), HttpRequest.BodyPublishers.ofByteArray(bytes))
                .status()).isEqualTo(201);
        assertThat(api.post("/api/releases/" + id + "/publish", seller.token(), null).status()).isEqualTo(200);
        return new Published(id, bytes);
    }

    /** A fan checks out with test payments and presses pay; returns the receipt URL. */
    public String buyWithTestPayment(String releaseId, String email) {
        Reply started = api.post("/checkout/" + releaseId, null, Map.of("email", email, "provider", "test"));
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        HttpResponse<String> paid = send(HttpRequest.newBuilder(URI.create(started.text("redirectUrl")))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(paid.statusCode()).isEqualTo(303);
        return started.text("receiptUrl");
    }

    public JsonNode outbox() {
        Reply reply = api.get("/api/admin/outbox", api.adminToken());
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply.json();
    }

    /** Outbox mails to one address, newest first. */
    public List<JsonNode> outboxFor(String address) {
        List<JsonNode> found = new ArrayList<>();
        outbox().forEach(m -> {
            if (m.path("to").asText().equals(address)) {
                found.add(m);
            }
        });
        return found;
    }

    public byte[] download(String url) {
        HttpResponse<byte[]> res = sendBytes(HttpRequest.newBuilder(URI.create(url)));
        assertThat(res.statusCode()).as("download " + url).isEqualTo(200);
        return res.body();
    }

    public static List<String> downloadLinks(String text) {
        List<String> links = new ArrayList<>();
        Matcher m = Pattern.compile("https?://\\S+/d/\\S+").matcher(text);
        while (m.find()) {
            links.add(m.group());
        }
        return links;
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> sendBytes(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public int count(String sql) {
        return server.gatefold.database().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
    }

    public void execute(String sql) {
        server.gatefold.database().jdbi().useHandle(h -> h.execute(sql));
    }
}
