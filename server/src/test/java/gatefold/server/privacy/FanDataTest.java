package gatefold.server.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import gatefold.server.ApiClient;
import gatefold.server.TestMail;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fan asks an artist, or the operator, for their data and to be forgotten. */
class FanDataTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("shop@example.com", "shop", "mail-secret"))
            .withPerMethodLifecycle(false);
    static TestServer server;
    static TestShop shop;

    @BeforeAll
    static void start() {
        server = TestServer.start(settings());
        shop = new TestShop(server);
    }

    static Map<String, String> settings() {
        return TestMail.smtpSettings(SMTP);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void anArtistExportsAndErasesTheirOwnFanOnlyAndTheFiguresStay() {
        TestShop.Seller artist = shop.artist("Privacy Band");
        TestShop.Seller other = shop.artist("Other Band");
        String slug = shop.api.get("/api/me", artist.token()).text("slug");
        TestShop.Published release = shop.release(artist, "Private Single", "fixed");
        String fan = "forget.me@example.com";
        shop.buyWithTestPayment(release.id(), fan);
        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", fan)).status()).isEqualTo(202);
        awaitMails(fan, "Your download", 1);
        awaitMails(fan, "Confirm", 1);
        JsonNode totalsBefore = shop.api.get("/api/sales/totals", artist.token()).json();

        ApiClient.Reply export = shop.api.get("/api/fans/" + fan + "/data", artist.token());
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.json().path("purchases")).hasSize(1);
        assertThat(export.json().path("purchases").get(0).path("amountMinor").asLong()).isEqualTo(700);
        assertThat(export.json().path("entitlements")).hasSize(1);
        assertThat(export.json().path("follows")).hasSize(1);
        assertThat(shop.api.get("/api/fans/" + fan + "/data", other.token()).status()).isEqualTo(404);
        assertThat(shop.api.post("/api/fans/" + fan + "/erase", other.token(), null).status()).isEqualTo(404);
        assertThat(shop.api.get("/api/admin/fans/" + fan + "/data", artist.token()).status()).isIn(401, 403);

        ApiClient.Reply erased = shop.api.post("/api/fans/" + fan + "/erase", artist.token(), null);
        assertThat(erased.status()).as(erased.toString()).isEqualTo(200);
        assertThat(erased.json().path("erased").path("purchases").asInt()).isEqualTo(1);
        assertThat(shop.api.get("/api/sales/totals", artist.token()).json()).isEqualTo(totalsBefore);
        assertThat(placesHolding(fan)).isEmpty();
        assertThat(shop.api.get("/api/fans/" + fan + "/data", artist.token()).status()).isEqualTo(404);

        shop.buyWithTestPayment(release.id(), fan);
        assertThat(shop.api.post("/a/" + slug + "/follow", null, Map.of("email", fan)).status()).isEqualTo(202);
        String control = "still.here@example.com";
        shop.buyWithTestPayment(release.id(), control);
        awaitMails(control, "Your download", 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(fan, "").size() == 2);
    }

    @Test
    void theOperatorErasesAFanFromEveryArtistAndNoOneMailsThemAgain() {
        TestShop.Seller first = shop.artist("First Band");
        TestShop.Seller second = shop.artist("Second Band");
        TestShop.Published one = shop.release(first, "One", "fixed");
        TestShop.Published two = shop.release(second, "Two", "fixed");
        String fan = "everywhere_fan@example.com";
        shop.buyWithTestPayment(one.id(), fan);
        shop.buyWithTestPayment(two.id(), fan);
        awaitMails(fan, "Your download", 2);
        JsonNode firstTotals = shop.api.get("/api/sales/totals", first.token()).json();

        ApiClient.Reply export = shop.api.get("/api/admin/fans/" + fan + "/data", shop.api.adminToken());
        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.json().path("purchases")).hasSize(2);
        assertThat(shop.api.get("/api/fans/" + fan + "/data", first.token()).json().path("purchases")).hasSize(1);

        assertThat(shop.api.post("/api/admin/fans/" + fan + "/erase", shop.api.adminToken(), null).status()).isEqualTo(200);
        assertThat(placesHolding(fan)).isEmpty();
        assertThat(shop.api.get("/api/sales/totals", first.token()).json()).isEqualTo(firstTotals);

        shop.buyWithTestPayment(two.id(), fan);
        assertThat(shop.api.post("/library", null, Map.of("email", fan)).status()).isEqualTo(202);
        String control = "control_two@example.com";
        shop.buyWithTestPayment(two.id(), control);
        awaitMails(control, "Your download", 1);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(() -> mailsTo(fan, "").size() == 2);
    }

    private static void awaitMails(String to, String subject, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> mailsTo(to, subject).size() == count);
    }

    private static List<jakarta.mail.internet.MimeMessage> mailsTo(String address, String subjectPart) {
        return Arrays.stream(SMTP.getReceivedMessages()).filter(m -> {
            try {
                return m.getSubject().contains(subjectPart) && Arrays.stream(m.getRecipients(Message.RecipientType.TO))
                        .anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** Every text column of every table that holds the address, as "table.column". */
    static List<String> placesHolding(String email) {
        Jdbi jdbi = server.gatefold.database().jdbi();
        List<Map<String, Object>> columns = jdbi.withHandle(h -> h.createQuery("SELECT table_name, column_name FROM"
                + " information_schema.columns WHERE LOWER(table_schema) = 'public' AND UPPER(data_type) IN"
                + " ('CHARACTER VARYING', 'VARCHAR', 'TEXT', 'CHARACTER LARGE OBJECT', 'CHARACTER')").mapToMap().list());
        assertThat(columns).hasSizeGreaterThan(50);
        return columns.stream().map(c -> c.get("table_name") + "." + c.get("column_name")).filter(place -> {
            String[] parts = place.split("\\.");
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM \"" + parts[0] + "\" WHERE LOWER(\"" + parts[1]
                    + "\") LIKE :p").bind("p", "%" + email.toLowerCase() + "%").mapTo(Long.class).one()) > 0;
        }).toList();
    }
}
