package gatefold.server.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import gatefold.server.TestServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An artist hears of the first free downloads of an hour one by one, and of the rest in one digest when the hour ends. */
class FreeSaleDigestTest {

    @RegisterExtension
    static final TestServer server = TestServer.start(TestShop.TEST_PAYMENTS);
    static final TestShop shop = new TestShop(server);

    static List<JsonNode> artistMails(TestShop.Seller seller, String subjectStart) {
        return shop.outboxFor(seller.email()).stream().filter(m -> m.path("subject").asText().startsWith(subjectStart)).toList();
    }

    @Test
    void aRushOfFreeDownloadsBecomesOneDigestAnHourWithTheCountAndTheLatestFans() throws Exception {
        TestShop.Seller seller = shop.artist("Rushed");
        TestShop.Published single = shop.release(seller, "Free Single", "free");
        TestShop.Published other = shop.release(seller, "Free B-Side", "free");
        int fans = 12;
        for (int i = 1; i <= fans; i++) {
            assertThat(shop.api.post("/checkout/" + (i % 4 == 0 ? other : single).id(), null,
                    Map.of("email", "rush" + i + "@example.com")).status()).isEqualTo(201);
        }
        int singles = FreeSaleNotices.SINGLES_PER_HOUR;
        assertThat(artistMails(seller, "New sale: ")).hasSize(singles);
        assertThat(shop.count("SELECT COUNT(*) FROM mail_outbox WHERE subject LIKE 'Your download:%' AND to_address LIKE 'rush%'"))
                .as("every fan still gets their receipt").isEqualTo(fans);

        // A paid sale is never held back.
        shop.buyWithTestPayment(shop.release(seller, "Paid Album", "fixed").id(), "payer@example.com");
        assertThat(artistMails(seller, "New sale: ")).hasSize(singles + 1);

        FreeSaleNotices notices = server.gatefold.services().fans().freeNotices();
        assertThat(notices.sendDigests(Instant.now())).as("the hour has not ended").isZero();
        Instant nextHour = Instant.now().plus(Duration.ofHours(1));
        // Two instances sending at once still send one digest.
        CompletableFuture<Integer> one = CompletableFuture.supplyAsync(() -> notices.sendDigests(nextHour));
        CompletableFuture<Integer> two = CompletableFuture.supplyAsync(() -> notices.sendDigests(nextHour));
        assertThat(one.get() + two.get()).isEqualTo(1);
        assertThat(notices.sendDigests(nextHour)).isZero();

        List<JsonNode> digests = artistMails(seller, (fans - singles) + " more free downloads");
        assertThat(digests).hasSize(1);
        String text = digests.get(0).path("body").asText();
        assertThat(text).contains((fans - singles) + " more fans got free downloads")
                .contains("\"Free Single\": 5").contains("\"Free B-Side\": 2")
                .contains("rush12@example.com").contains("rush6@example.com").doesNotContain("rush5@example.com");
        assertThat(text.indexOf("rush12@")).isLessThan(text.indexOf("rush6@"));
    }
}
