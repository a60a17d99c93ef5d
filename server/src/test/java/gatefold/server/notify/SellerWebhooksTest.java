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
                    "http://user:pw@example.com/x", "not a url", "http://2130706433/x", "http://0x7f.1/x", "http://017700000001/x",
                    "http://[::ffff:127.0.0.1]/x", "http://[64:ff9b::a9fe:a9fe]/x", "http://100.64.0.1/x", "http://198.18.0.1/x",
                    "http://[fd00::1]/x", "http://0.0.0.0/x"}) {
                Reply reply = api.post("/api/webhooks", token, Map.of("url", url));
                assertThat(reply.status()).as(url).isEqualTo(422);
                assertThat(reply.text("message")).as(url).doesNotContain("Exception");
            }
            assertThat(api.get("/api/webhooks", token).json()).isEmpty();
        }
    }

    /** Waits until every delivery of these webhooks was tried once, and returns their logs by webhook id. */
    static Map<String, JsonNode> firstAttempts(TestServer server, ApiClient api, String token, List<String> hookIds) {
        await().atMost(Duration.ofSeconds(20)).until(() -> server.gatefold.database().jdbi().withHandle(h ->
                h.createQuery("SELECT COUNT(*) FROM webhook_deliveries WHERE attempts >= 1").mapTo(Integer.class).one()) >= hookIds.size());
        Map<String, JsonNode> logs = new java.util.HashMap<>();
        for (String id : hookIds) {
            logs.put(id, api.get("/api/webhooks/" + id + "/deliveries", token).json().get(0));
        }
        return logs;
    }

    static void assertPlain(JsonNode delivery, String reason) {
        assertThat(delivery.path("status").asText()).isEqualTo("pending");
        assertThat(delivery.path("lastError").asText()).isEqualTo(reason);
        assertThat(delivery.toString()).doesNotContain("Exception").doesNotContainIgnoringCase("refused")
                .doesNotContain("s3cr3t").doesNotContain("java.");
    }

    @Test
    void aFailedDeliveryTellsTheArtistAPlainReasonAndFollowsNoRedirect() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        List<Received> landed = new CopyOnWriteArrayList<>();
        HttpServer target = receiver(landed, 0);
        HttpServer failing = receiver(new CopyOnWriteArrayList<>(), 1000);
        HttpServer redirecting = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        redirecting.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + target.getAddress().getPort() + "/hook");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirecting.start();
        try (TestServer server = TestServer.start(Map.of("GATEFOLD_OUTBOUND_ALLOW_PRIVATE", "true"))) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Unlucky", "unlucky@example.com").token();
            String closed = api.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:" + closedPort + "/hook?token=s3cr3t")).text("id");
            String erring = api.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:" + failing.getAddress().getPort() + "/hook"))
                    .text("id");
            String moved = api.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook"))
                    .text("id");
            String release = api.newRelease(token, Map.of("title", "Unlucky Album", "kind", "other", "pricing", "free"));
            api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));

            Map<String, JsonNode> logs = firstAttempts(server, api, token, List.of(closed, erring, moved));
            assertPlain(logs.get(closed), "could not connect");
            assertThat(logs.get(closed).path("lastStatus").isNull()).isTrue();
            assertPlain(logs.get(erring), "answered 500");
            assertThat(logs.get(erring).path("lastStatus").asInt()).isEqualTo(500);
            assertPlain(logs.get(moved), "answered 302");
            assertThat(logs.get(moved).path("lastStatus").asInt()).isEqualTo(302);
            assertThat(landed).isEmpty();
        } finally {
            target.stop(0);
            failing.stop(0);
            redirecting.stop(0);
        }
    }

    @Test
    void aWebhookWhoseHostNowPointsAtALocalAddressIsNotCalled() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer hook = receiver(received, 0);
        try (TestServer server = TestServer.start()) {
            ApiClient api = new ApiClient(server);
            String token = api.newArtist("Rebound", "rebound@example.com").token();
            Reply registered = api.post("/api/webhooks", token, Map.of("url", "http://8.8.8.8/hook"));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
            // As if its DNS changed after registration: the stored URL now leads to this machine.
            server.gatefold.database().jdbi().useHandle(h -> h.createUpdate("UPDATE seller_webhooks SET url = :url")
                    .bind("url", "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook").execute());
            String release = api.newRelease(token, Map.of("title", "Rebound Album", "kind", "other", "pricing", "free"));
            api.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan@example.com"));

            JsonNode delivery = firstAttempts(server, api, token, List.of(registered.text("id"))).get(registered.text("id"));
            assertPlain(delivery, "address not allowed");
            assertThat(received).isEmpty();
        } finally {
            hook.stop(0);
        }
    }
}
