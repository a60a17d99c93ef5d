package gatefold.server.watch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What this instance looked up a moment ago, by key, remembered for a fixed short time: a
 * player asks for a playlist or a segment every second or two, and each would otherwise cost
 * the same database look-ups. Failures (refusals) are never remembered. Bounded: past
 * {@link #MAX_ENTRIES} the stale entries go, then all.
 */
final class Recently<V> {

    static final int MAX_ENTRIES = 20_000;
    private final Clock clock;
    private final Duration lasts;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();

    private record Entry<V>(V value, Instant until) {
    }

    Recently(Clock clock, Duration lasts) {
        this.clock = clock;
        this.lasts = lasts;
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
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now.plus(lasts)));
    }
}
