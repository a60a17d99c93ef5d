package gatefold.server.moving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.ApiClient;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An artist tells every buyer the store moved: one mail each, even when the store restarts in the middle. */
class MovedMailTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop@example.com", "shop", "mail-secret"))
            .withPerMethodLifecycle(false);

    static List<MimeMessage> moved(String to) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().endsWith("has moved") && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(to));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    static long mailed(List<String> buyers) {
        return buyers.stream().filter(b -> !moved(b).isEmpty()).count();
    }

    @Test
    void everyBuyerGetsOneMovedMailAcrossARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("gatefold-moved");
        Map<String, String> settings = Map.of("GATEFOLD_PAYMENTS_TEST", "true",
                "GATEFOLD_SMTP_HOST", "127.0.0.1",
                "GATEFOLD_SMTP_PORT", Integer.toString(SMTP.getSmtp().getPort()),
                "GATEFOLD_SMTP_USER", "shop",
                "GATEFOLD_SMTP_PASSWORD", "mail-secret",
                "GATEFOLD_SMTP_FROM", "Gatefold Shop <shop@example.com>",
                "GATEFOLD_SMTP_STARTTLS", "false",
                "GATEFOLD_SMTP_PER_MINUTE", "120"); // one every half second: slow enough to stop in the middle
        List<String> buyers = IntStream.rangeClosed(1, 8).mapToObj(i -> "moved" + i + "@example.com").toList();
        TestShop.Seller seller;
        TestShop.Published release;
        String id;
        try (TestServer first = TestServer.start(dataDir, settings)) {
            TestShop shop = new TestShop(first);
            seller = shop.artist("Moving Band");
            TestShop.Seller stranger = shop.artist("Staying Band");
            release = shop.release(seller, "Old Songs", "fixed");
            for (String buyer : buyers) {
                assertThat(shop.api.post("/api/releases/" + release.id() + "/purchases", seller.token(), Map.of("email", buyer))
                        .status()).isEqualTo(201);
            }
            assertThat(shop.api.post("/api/moved-mail", stranger.token(), null).status()).isEqualTo(409);
            ApiClient.Reply started = shop.api.post("/api/moved-mail", seller.token(), null);
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            assertThat(started.json().path("buyers").asInt()).isEqualTo(buyers.size());
            id = started.text("id");
            assertThat(shop.api.get("/api/moved-mail/" + id, stranger.token()).status()).isEqualTo(404);
            await().atMost(Duration.ofSeconds(20)).until(() -> mailed(buyers) >= 2);
            first.gatefold.services().jobs().stop(Duration.ofMillis(50));
        }
        assertThat(mailed(buyers)).isBetween(2L, (long) buyers.size() - 1);

        try (TestServer second = TestServer.start(dataDir, settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailed(buyers) == buyers.size());
            Thread.sleep(1500);
            buyers.forEach(b -> assertThat(moved(b)).as(b).hasSize(1));
            String text = ((String) moved(buyers.get(0)).get(0).getContent()).replace("\r\n", "\n");
            assertThat(text).containsPattern("http://[^/\\s]+/library\\n").contains("- Old Songs")
                    .contains("links that work for 7 days");
            // A fresh link, signed on this store, downloads the file the buyer owns.
            Matcher link = Pattern.compile("  a\\.bin: http://[^/\\s]+(/d/\\S+)").matcher(text);
            assertThat(link.find()).as(text).isTrue();
            HttpResponse<byte[]> download = second.client().send(HttpRequest.newBuilder(URI.create(second.url(link.group(1))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(release.bytes());
            ApiClient.Reply progress = new TestShop(second).api.get("/api/moved-mail/" + id, seller.token());
            assertThat(progress.json().path("mailed").asInt()).isEqualTo(buyers.size());
            assertThat(progress.json().path("state").asText()).isEqualTo("done");
        }
    }
}
