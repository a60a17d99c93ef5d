package gatefold.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.delivery.Allowances.Charge;
import gatefold.server.delivery.Allowances.Outcome;
import gatefold.server.delivery.Allowances.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The download rule on its own: what a request is, given the purchase's open window and count. */
class AllowancesTest {

    static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");
    static final long SIZE = 1_000;

    static Charge asking(long bytes, int limit) {
        return new Charge("ent", "fil", "original", SIZE, limit, bytes, NOW);
    }

    static Optional<Window> open(long charged) {
        return Optional.of(new Window(NOW.minusSeconds(60), NOW.plus(Duration.ofHours(1)), charged));
    }

    @Test
    void theFirstRequestIsANewDownloadWhileTheLimitAllows() {
        assertThat(Allowances.decide(Optional.empty(), 0, asking(SIZE, 1))).isEqualTo(Outcome.NEW_DOWNLOAD);
        assertThat(Allowances.decide(Optional.empty(), 1, asking(SIZE, 1))).isEqualTo(Outcome.SPENT);
        // A ranged request with no open download starts one too: a range cannot dodge the count.
        assertThat(Allowances.decide(Optional.empty(), 1, asking(1, 1))).isEqualTo(Outcome.SPENT);
    }

    @Test
    void requestsInsideAnOpenWindowAreFreeUpToTwiceTheFile() {
        assertThat(Allowances.decide(open(0), 1, asking(SIZE, 1))).isEqualTo(Outcome.FREE);
        assertThat(Allowances.decide(open(SIZE), 1, asking(SIZE, 1))).isEqualTo(Outcome.FREE);
        assertThat(Allowances.decide(open(2 * SIZE - 1), 1, asking(1, 1))).isEqualTo(Outcome.FREE);
        assertThat(Allowances.decide(open(2 * SIZE), 1, asking(1, 1))).isEqualTo(Outcome.SPENT);
        assertThat(Allowances.decide(open(2 * SIZE), 1, asking(1, 2))).isEqualTo(Outcome.NEW_DOWNLOAD);
    }

    @Test
    void aClosedWindowFreesNothing() {
        Optional<Window> closed = Optional.of(new Window(NOW.minus(Duration.ofDays(2)), NOW.minusSeconds(1), 0));
        assertThat(Allowances.decide(closed, 1, asking(10, 1))).isEqualTo(Outcome.SPENT);
        assertThat(Allowances.decide(closed, 1, asking(10, 3))).isEqualTo(Outcome.NEW_DOWNLOAD);
        Optional<Window> endsNow = Optional.of(new Window(NOW.minus(Duration.ofDays(1)), NOW, 0));
        assertThat(Allowances.decide(endsNow, 1, asking(10, 1))).isEqualTo(Outcome.SPENT);
    }
}
