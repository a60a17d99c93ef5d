package gatefold.server.mail;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.TestServer;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Receipts by real SMTP: the fan gets working links and the library, the artist hears of the sale. */
class MailReceiptsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop@example.com", "shop", "mail-secret"))
            .withPerMethodLifecycle(false);
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start(TestMail.smtpSettings(SMTP));
        shop = new TestShop(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void emptyMailboxes() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
    }

    static List<MimeMessage> to(String address) {
        return TestMail.to(SMTP, address);
    }

    @Test
    void aPaidCheckoutMailsTheFanWorkingLinksAndTellsTheArtist() throws Exception {
        TestShop.Seller seller = shop.artist("Mailing Band");
        TestShop.Published release = shop.release(seller, "Night <script>alert(1)</script>", "fixed");
        shop.buyWithTestPayment(release.id(), "Listener@Example.com");

        await().atMost(Duration.ofSeconds(10)).until(() -> to("listener@example.com").size() == 1 && to(seller.email()).size() == 1);
        MimeMessage receipt = to("listener@example.com").get(0);
        assertThat(receipt.getSubject()).isEqualTo("Your download: Night <script>alert(1)</script>");
        assertThat(((InternetAddress) receipt.getFrom()[0]).getAddress()).isEqualTo("shop@example.com");
        assertThat(((InternetAddress) receipt.getReplyTo()[0]).getAddress()).isEqualTo(seller.email());
        assertThat(receipt.getContentType()).startsWith("text/plain");
        String text = (String) receipt.getContent();
        assertThat(text).contains("7.00 EUR").contains("a.bin").contains(server.gatefold.publicUrl() + "/library");
        List<String> links = TestShop.downloadLinks(text);
        assertThat(links).hasSize(1);
        assertThat(shop.download(links.get(0))).isEqualTo(release.bytes());

        MimeMessage note = to(seller.email()).get(0);
        assertThat(note.getSubject()).startsWith("New sale: Night");
        assertThat((String) note.getContent()).contains("listener@example.com").contains("7.00 EUR");
        // Delivered by SMTP, so nothing waits in the outbox.
        assertThat(shop.outbox()).isEmpty();
    }

    @Test
    void aFreeCheckoutSendsAReceiptWithoutAPrice() throws Exception {
        TestShop.Seller seller = shop.artist("Free Band");
        TestShop.Published release = shop.release(seller, "Gift", "free");
        assertThat(shop.api.post("/checkout/" + release.id(), null, Map.of("email", "free@example.com")).status()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(10)).until(() -> to("free@example.com").size() == 1);
        String text = (String) to("free@example.com").get(0).getContent();
        assertThat(text).contains("Paid: nothing");
        assertThat(shop.download(TestShop.downloadLinks(text).get(0))).isEqualTo(release.bytes());
    }

    @Test
    void mailTheSmtpServerRefusesEndsInTheOutboxAfterThreeAttempts() {
        try (TestServer broken = TestServer.start(Map.of("GATEFOLD_PAYMENTS_TEST", "true",
                "GATEFOLD_SMTP_HOST", "127.0.0.1",
                "GATEFOLD_SMTP_PORT", Integer.toString(closedPort()),
                "GATEFOLD_SMTP_FROM", "shop@example.com",
                "GATEFOLD_SMTP_STARTTLS", "false"))) {
            TestShop brokenShop = new TestShop(broken);
            TestShop.Seller seller = brokenShop.artist("Unlucky Band");
            TestShop.Published release = brokenShop.release(seller, "Lost", "fixed");
            long started = System.nanoTime();
            brokenShop.buyWithTestPayment(release.id(), "patient@example.com");
            // The fan's request did not wait for the failing SMTP server.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));

            await().atMost(Duration.ofSeconds(15)).until(() -> brokenShop.outboxFor("patient@example.com").size() == 1);
            var kept = brokenShop.outboxFor("patient@example.com").get(0);
            assertThat(kept.path("sent").asBoolean()).isFalse();
            assertThat(kept.path("subject").asText()).isEqualTo("Your download: Lost");
            List<String> links = TestShop.downloadLinks(kept.path("body").asText());
            assertThat(brokenShop.download(links.get(0))).isEqualTo(release.bytes());
        }
    }

    static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
