package gatefold.server.watch;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What this instance keeps in memory by key, never more than {@code limit} entries: when full,
 * what {@code stale} says may go goes first, then everything (a full memory is refilled in a
 * moment; an unbounded one grows with every token a crawler makes up). Reads are one
 * {@link ConcurrentHashMap#get}: no lock on a player's path.
 */
final class BoundedMap<V> {

    private final int limit;
    private final Predicate<V> stale;
    private final Map<String, V> entries = new ConcurrentHashMap<>();

    /** Entries that never go stale (files named by their content): when full, all go. */
    BoundedMap(int limit) {
        this(limit, value -> false);
    }

    BoundedMap(int limit, Predicate<V> stale) {
        this.limit = limit;
        this.stale = stale;
    }

    /** The value kept for the key, or null. */
    V get(String key) {
        return entries.get(key);
    }

    void put(String key, V value) {
        if (entries.size() >= limit) {
            entries.values().removeIf(stale);
            if (entries.size() >= limit) {
                entries.clear();
            }
        }
        entries.put(key, value);
    }

    void remove(String key) {
        entries.remove(key);
    }
}
