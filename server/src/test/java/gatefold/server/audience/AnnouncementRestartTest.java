package gatefold.server.audience;

import gatefold.server.TestMail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import gatefold.server.TestServer;
import gatefold.server.mail.TestShop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A store stopped in the middle of mailing its followers carries on after the restart, mailing nobody twice. */
class AnnouncementRestartTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = TestMail.server();

    static long mailed(List<String> fans) {
        return fans.stream().filter(f -> !TestMail.to(SMTP, f, "Halfway").isEmpty()).count();
    }

    @Test
    void aRestartMidSendFinishesTheListWithOneMailEach() throws Exception {
        Path dataDir = Files.createTempDirectory("gatefold-restart");
        Map<String, String> settings = new HashMap<>(TestMail.smtpSettings(SMTP));
        settings.put("GATEFOLD_SMTP_PER_MINUTE", "120"); // one mail every half second: slow enough to stop in the middle
        List<String> fans = IntStream.rangeClosed(1, 8).mapToObj(i -> "halfway" + i + "@example.com").toList();
        TestShop.Seller seller;
        try (TestServer first = TestServer.start(dataDir, settings)) {
            TestShop shop = new TestShop(first);
            seller = shop.artist("Halfway Band");
            assertThat(shop.api.post("/api/followers/import", seller.token(), Map.of("emails", fans, "consent", true)).status())
                    .isEqualTo(201);
            shop.release(seller, "Halfway There", "free");
            await().atMost(Duration.ofSeconds(20)).until(() -> mailed(fans) >= 2);
            // Stop taking jobs with almost no grace: the send is cut off and its job goes back to the queue.
            first.gatefold.services().jobs().stop(Duration.ofMillis(50));
        }
        long beforeRestart = mailed(fans);
        assertThat(beforeRestart).isBetween(2L, (long) fans.size() - 1);

        try (TestServer second = TestServer.start(dataDir, settings)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> mailed(fans) == fans.size());
            Thread.sleep(1500);
            fans.forEach(f -> assertThat(TestMail.to(SMTP, f, "Halfway")).as(f).hasSize(1));
        }
    }
}
