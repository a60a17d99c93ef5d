package gatefold.server.audience;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A buyer's receipt (page, embed and mail) offers following the artist; following from it still needs the fan's confirmation. */
class ReceiptFollowTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();
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

    static HttpResponse<String> postForm(String path, String body) {
        return shop.send(HttpRequest.newBuilder(URI.create(server.url(path))).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theReceiptPageAndMailOfferFollowingAndTheFormAsksForConfirmation() {
        TestShop.Seller seller = shop.artist("Receipt Band");
        String slug = shop.api.get("/api/me", seller.token()).text("slug");
        TestShop.Published release = shop.release(seller, "Receipt Single", "fixed");
        String receipt = shop.buyWithTestPayment(release.id(), "receiptbuyer@example.com");
        String page = shop.send(HttpRequest.newBuilder(URI.create(receipt)).header("Accept", "text/html")).body();
        assertThat(page).contains("action=\"/releases/" + release.id() + "/follow\"").contains("name=\"source\" value=\"receipt\"");
        String embedReceipt = receipt.replace("/receipts/", "/embed/receipt/");
        HttpResponse<String> framed = shop.send(HttpRequest.newBuilder(URI.create(embedReceipt)).header("Accept", "text/html"));
        assertThat(framed.statusCode()).isEqualTo(200);
        assertThat(framed.body()).contains("action=\"/releases/" + release.id() + "/follow\"").contains("data-follow");

        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, "receiptbuyer@example.com", "Your download").size() == 1);
        assertThat(TestMail.text(TestMail.to(SMTP, "receiptbuyer@example.com", "Your download").get(0)))
                .containsPattern("follow at https?://[^/]+/a/" + slug + "\\b");

        HttpResponse<String> asked = postForm("/releases/" + release.id() + "/follow", "source=receipt&email=receiptbuyer%40example.com");
        assertThat(asked.statusCode()).isEqualTo(202);
        assertThat(asked.body()).contains("Check your email");
        await().atMost(Duration.ofSeconds(10)).until(() -> TestMail.to(SMTP, "receiptbuyer@example.com", "Confirm").size() == 1);
        JsonNode follower = shop.api.get("/api/followers", seller.token()).json().get(0);
        assertThat(follower.path("source").asText()).isEqualTo("receipt");
        assertThat(follower.path("state").asText()).isEqualTo("pending");
        assertThat(postForm("/releases/rel_missing/follow", "email=x%40example.com").statusCode()).isEqualTo(404);
    }
}
