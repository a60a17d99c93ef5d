package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two whole servers on one database, both running background work: every receipt is mailed
 * once and every seller webhook delivered once, whichever server made the sale.
 */
class BackgroundWorkOnTwoServersTest {

    static final String ADMIN = "gfa_two-servers-admin-token-0123456789";

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @Test
    void receiptsAndWebhooksGoOutOnceWithTwoServersSendingThem() throws Exception {
        List<String> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        Path dir = Files.createTempDirectory("gatefold-two");
        Map<String, String> env = new HashMap<>(Map.of("GATEFOLD_ADMIN_TOKEN", ADMIN, "GATEFOLD_OUTBOUND_ALLOW_PRIVATE", "true",
                "GATEFOLD_SMTP_HOST", "127.0.0.1", "GATEFOLD_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "GATEFOLD_SMTP_FROM", "shop@example.com", "GATEFOLD_SMTP_STARTTLS", "false"));
        try (TestServer one = TestServer.start(dir, env); TestServer two = TestServer.start(dir, env)) {
            ApiClient first = new ApiClient(one);
            ApiClient second = new ApiClient(two);
            String token = first.post("/api/artists", ADMIN, Map.of("name", "Twice", "email", "twice@example.com")).text("apiToken");
            assertThat(first.post("/api/webhooks", token, Map.of("url", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"))
                    .status()).isEqualTo(201);
            String release = first.newRelease(token, Map.of("title", "Once Only", "kind", "other", "pricing", "free"));

            List<String> purchases = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ApiClient via = i % 2 == 0 ? first : second;
                purchases.add(via.post("/api/releases/" + release + "/purchases", token, Map.of("email", "fan" + i + "@example.com"))
                        .text("id"));
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> hooks.size() >= 12 && receiptsTo("fan").size() >= 12);
            // Both servers poll every half second: a doubled send would show within a few of their rounds.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                    .until(() -> hooks.size() == 12 && receiptsTo("fan").size() == 12);
            List<String> hooked = new ArrayList<>();
            for (String body : hooks) {
                JsonNode json = ApiClient.JSON.readTree(body);
                hooked.add(json.path("purchase").path("id").asText());
            }
            assertThat(hooked).containsExactlyInAnyOrderElementsOf(purchases);
            for (int i = 0; i < 12; i++) {
                assertThat(receiptsTo("fan" + i + "@")).as("fan" + i).hasSize(1);
            }
        } finally {
            receiver.stop(0);
        }
    }

    private static List<MimeMessage> receiptsTo(String prefix) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).anyMatch(a -> a.toString().startsWith(prefix));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }
}
