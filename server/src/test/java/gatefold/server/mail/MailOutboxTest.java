package gatefold.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.ApiClient.Reply;
import gatefold.server.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without an SMTP server every mail waits in the outbox, which only the admin can read. */
class MailOutboxTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);

    @Test
    void receiptsWaitInTheOutboxForTheAdminAndTheLogKeepsTheLinksOut() {
        TestShop.Seller seller = shop.artist("Outbox Band");
        TestShop.Published release = shop.release(seller, "Queued", "fixed");
        // The log goes to standard output or error, depending on the logger's settings: listen to both.
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(log, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
        try {
            shop.buyWithTestPayment(release.id(), "queued@example.com");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        List<JsonNode> toFan = shop.outboxFor("queued@example.com");
        assertThat(toFan).hasSize(1);
        JsonNode mail = toFan.get(0);
        assertThat(mail.path("subject").asText()).isEqualTo("Your download: Queued");
        assertThat(mail.path("sent").asBoolean()).isFalse();
        String link = TestShop.downloadLinks(mail.path("body").asText()).get(0);
        assertThat(shop.download(link)).isEqualTo(release.bytes());
        assertThat(shop.outboxFor(seller.email())).hasSize(1);

        String logged = log.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("mail to queued@example.com queued in the outbox: Your download: Queued");
        assertThat(logged).doesNotContain(link.substring(link.indexOf("/d/") + 3)).doesNotContain("/d/");
    }

    @Test
    void onlyTheAdminReadsTheOutbox() {
        TestShop.Seller seller = shop.artist("Curious Band");
        assertThat(shop.api.get("/api/admin/outbox", seller.token()).status()).isEqualTo(401);
        assertThat(shop.api.get("/api/admin/outbox", null).status()).isEqualTo(401);
        Reply refused = shop.api.post("/api/admin/outbox/mail_x/sent", seller.token(), null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("error").asText()).isEqualTo("unauthorized");
        assertThat(shop.api.get("/api/admin/outbox?limit=0", shop.api.adminToken()).status()).isEqualTo(422);
    }

    @Test
    void theAdminMarksAMailPassedOnByHand() {
        TestShop.Seller seller = shop.artist("Marked Band");
        TestShop.Published release = shop.release(seller, "Marked", "free");
        assertThat(shop.api.post("/checkout/" + release.id(), null, Map.of("email", "marked@example.com")).status()).isEqualTo(201);
        String id = shop.outboxFor("marked@example.com").get(0).path("id").asText();

        assertThat(shop.api.post("/api/admin/outbox/" + id + "/sent", shop.api.adminToken(), null).status()).isEqualTo(204);
        assertThat(shop.outboxFor("marked@example.com").get(0).path("sent").asBoolean()).isTrue();
        assertThat(shop.api.post("/api/admin/outbox/mail_unknown/sent", shop.api.adminToken(), null).status()).isEqualTo(404);
    }
}
