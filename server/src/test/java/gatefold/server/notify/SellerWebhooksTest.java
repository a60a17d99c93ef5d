package gatefold.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import gatefold.server.ApiClient;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SellerWebhooksTest {

    record Received(String signature, String event, String body) {
    }

    /** A real HTTP receiver on loopback that fails the first {@code failures} deliveries. */
    static HttpServer receiver(List<Received> received, int failures) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = calls.incrementAndGet() <= failures ? 500 : 200;
            if (status == 200) {
                received.add(new Received(exchange.getRequestHeaders().getFirst("Gatefold-Signature"),
                        exchange.getRequestHeaders().getFirst("Gatefold-Event"), body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    @Test
    void salesAndRefundsArePostedSignedAndRetriedUntilTheyArrive() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer hook = receiver(received, 1);
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_WEBHOOKS_ALLOW_PRIVATE", "true"))) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Hooked", "hooked@example.com").token();
            Reply registered = api.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook"));
            assertThat(registered.status()).isEqualTo(201);
            String secret = registered.text("secret");
            assertThat(secret).startsWith("whsec_");
            assertThat(api.get("/api/webhooks", token).body()).doesNotContain(secret);

            String release = api.newRelease(token, Map.of("title", "Hooked Album", "kind", "other", "pricing", "free"));
            String purchase = api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com")).text("id");
            api.post("/api/purchases/" + purchase + "/refund", token, null);

            // The first attempt meets a 500 and waits; bring its retry forward instead of waiting 30 s.
            await().atMost(Duration.ofSeconds(10)).until(() -> server.gatefold.database().jdbi().withHandle(h ->
                    h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE attempts >= 1").mapTo(Integer.class).one()) >= 1);
            server.gatefold.database().jdbi().useHandle(h -> h.createUpdate(
                    "UPDATE webhook_deliveries SET next_attempt_at = :now WHERE status = 'pending'").bind("now", Instant.now()).execute());
            await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 2);

            assertThat(received).extracting(Received::event).containsExactlyInAnyOrder("sale.confirmed", "sale.refunded");
            for (Received r : received) {
                String t = r.signature().replaceAll("t=(\\d+),v1=.*", "$1");
                String v1 = r.signature().replaceAll(".*v1=([0-9a-f]+)", "$1");
                assertThat(v1).isEqualTo(WebhookDispatcher.sign(secret, t + "." + r.body()));
                JsonNode body = ApiClient.JSON.readTree(r.body());
                assertThat(body.path("purchase").path("id").asText()).isEqualTo(purchase);
            }
            String hookId = registered.text("id");
            JsonNode log = api.get("/api/webhooks/" + hookId + "/deliveries", token).json();
            assertThat(log).hasSize(2);
            assertThat(log.toString()).contains("\"status\":\"delivered\"").contains("\"lastStatus\":200");
            String other = api.newArtist("Nosy", "nosy@example.com").token();
            assertThat(api.get("/api/webhooks/" + hookId + "/deliveries", other).status()).isEqualTo(404);
            assertThat(api.delete("/api/webhooks/" + hookId, other).status()).isEqualTo(404);
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void privateAndLoopbackTargetsAreRefusedUnlessTheOperatorAllowsThem() {
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Careful", "careful@example.com").token();
            for (String url : new String[] {"http://127.0.0.1:8080/x", "http://localhost/x", "http://10.1.2.3/x",
                    "http://192.168.1.1/x", "http://169.254.169.254/latest/meta-data", "http://[::1]/x", "ftp://example.com/x",
                    "http://user:pw@example.com/x", "not a url"}) {
                Reply reply = api.post("/api/webhooks", token, Map.of("url", url));
                assertThat(reply.status()).as(url).isEqualTo(422);
            }
            assertThat(api.get("/api/webhooks", token).json()).isEmpty();
        }
    }
}
