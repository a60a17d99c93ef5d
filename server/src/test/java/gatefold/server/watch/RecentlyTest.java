package gatefold.server.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gatefold.server.MovableClock;
import gatefold.server.common.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The short memory behind a segment's check: a refund must stop playback within one 6 s segment. */
class RecentlyTest {

    @Test
    void aCheckStandsForLessThanOneSegmentThenIsTakenAgain() {
        assertThat(WatchLinks.RECHECK).isLessThan(Duration.ofSeconds(6));
        MovableClock clock = MovableClock.stoppedAt(Instant.parse("2026-12-06T12:00:00Z"));
        Recently<String> recently = new Recently<>(clock, WatchLinks.RECHECK);
        AtomicInteger checks = new AtomicInteger();
        assertThat(recently.get("token", () -> "viewing " + checks.incrementAndGet())).isEqualTo("viewing 1");
        clock.advance(WatchLinks.RECHECK.minusMillis(1));
        assertThat(recently.get("token", () -> "viewing " + checks.incrementAndGet())).isEqualTo("viewing 1");
        // The purchase is refunded now: the next look-up past RECHECK refuses, well within a segment.
        clock.advance(Duration.ofMillis(1));
        assertThat(recently.recent("token")).isNull();
        assertThatThrownBy(() -> recently.get("token", () -> {
            throw Refusal.forbidden("purchase_refunded", "refunded");
        })).isInstanceOf(Refusal.class);
        // A refusal is never remembered: every later request checks again.
        assertThat(recently.recent("token")).isNull();
        assertThat(recently.get("other", () -> "viewing " + checks.incrementAndGet())).isEqualTo("viewing 2");
    }

    @Test
    void staysBoundedWhenManyViewersCome() {
        MovableClock clock = MovableClock.stoppedAt(Instant.parse("2026-12-06T12:00:00Z"));
        Recently<Integer> recently = new Recently<>(clock, WatchLinks.RECHECK);
        for (int i = 0; i < Recently.MAX_ENTRIES + 10; i++) {
            recently.remember("token-" + i, i);
        }
        assertThat(recently.recent("token-" + (Recently.MAX_ENTRIES + 9))).isEqualTo(Recently.MAX_ENTRIES + 9);
        assertThat(recently.recent("token-0")).isNull();
    }
}
