package gatefold.server.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * What this instance looked up a moment ago, by key, remembered for a fixed short time: a
 * player asks for a playlist or a segment every second or two, and each would otherwise cost
 * the same database look-ups. Failures (refusals) are never remembered. Bounded ({@link BoundedMap}):
 * at {@link #MAX_ENTRIES} the expired entries go, then all.
 */
final class Recently<V> {

    static final int MAX_ENTRIES = 20_000;
    private final Clock clock;
    private final Duration lasts;
    private final BoundedMap<Entry<V>> entries;

    private record Entry<V>(V value, Instant until) {
    }

    Recently(Clock clock, Duration lasts) {
        this.clock = clock;
        this.lasts = lasts;
        this.entries = new BoundedMap<>(MAX_ENTRIES, entry -> !clock.instant().isBefore(entry.until()));
    }

    /** The value remembered for the key within the time it lasts, or null. */
    V recent(String key) {
        Entry<V> entry = entries.get(key);
        return entry != null && clock.instant().isBefore(entry.until()) ? entry.value() : null;
    }

    /** The value remembered for the key, or {@code lookUp}'s answer (then remembered). */
    V get(String key, Supplier<V> lookUp) {
        V value = recent(key);
        if (value == null) {
            value = lookUp.get();
            remember(key, value);
        }
        return value;
    }

    void remember(String key, V value) {
        entries.put(key, new Entry<>(value, clock.instant().plus(lasts)));
    }
}
