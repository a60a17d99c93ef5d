package gatefold.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Real time plus an offset a test can move forward: backoff pauses and leases pass at once, and a
 * server started with it ({@link TestServer#start(java.util.Map, Clock)}) sees days go by in a test.
 */
public final class MovableClock extends Clock {

    private final AtomicLong offsetMillis = new AtomicLong();
    /** Where a stopped clock stands before its offset; null while it runs with real time. */
    private final Long stoppedAt;

    public MovableClock() {
        this.stoppedAt = null;
    }

    private MovableClock(Instant at) {
        this.stoppedAt = at.toEpochMilli();
    }

    /** A clock that stands still at {@code at} and moves only when the test moves it: edges to the millisecond. */
    public static MovableClock stoppedAt(Instant at) {
        return new MovableClock(at);
    }

    public void advance(Duration by) {
        offsetMillis.addAndGet(by.toMillis());
    }

    /** Moves the clock so that it reads {@code at} now (and runs on from there). */
    public void moveTo(Instant at) {
        offsetMillis.set(at.toEpochMilli() - (stoppedAt != null ? stoppedAt : System.currentTimeMillis()));
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli((stoppedAt != null ? stoppedAt : System.currentTimeMillis()) + offsetMillis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
