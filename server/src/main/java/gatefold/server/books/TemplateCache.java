package gatefold.server.books;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Parsed templates of the books fans are downloading now, so a click reads no template from
 * the database and parses nothing. A record never changes for its file and blob, so entries
 * need no invalidation; the least recently used go once their templates pass the byte budget.
 */
final class TemplateCache {

    /** A ready file's template and where its copies are cut from. */
    record Entry(StampTemplate template, String baseKey, java.time.Instant preparedAt, long bytes) {
    }

    private final long budget;
    private long held;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    TemplateCache(long budget) {
        this.budget = budget;
    }

    /** The entry for this file and blob, loaded once (a failed or missing record is not cached). */
    Optional<Entry> get(String fileId, String blobKey, Supplier<Optional<PreparedStamp>> load) {
        String key = fileId + " " + blobKey;
        synchronized (this) {
            Entry hit = entries.get(key);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        Optional<PreparedStamp> stamp = load.get().filter(PreparedStamp::ready);
        if (stamp.isEmpty()) {
            return Optional.empty();
        }
        PreparedStamp s = stamp.get();
        Entry entry = new Entry(StampTemplate.fromBytes(s.template()), s.baseKey(), s.preparedAt(), s.template().length);
        put(key, entry);
        return Optional.of(entry);
    }

    private synchronized void put(String key, Entry entry) {
        Entry old = entries.put(key, entry);
        held += entry.bytes() - (old == null ? 0 : old.bytes());
        var it = entries.entrySet().iterator();
        while (held > budget && entries.size() > 1 && it.hasNext()) {
            Map.Entry<String, Entry> eldest = it.next();
            if (eldest.getKey().equals(key)) {
                continue;
            }
            held -= eldest.getValue().bytes();
            it.remove();
        }
    }
}
