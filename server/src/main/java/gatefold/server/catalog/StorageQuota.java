package gatefold.server.catalog;

import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import java.time.Instant;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * An artist's storage quota, agreed on by every instance through the database. What counts
 * is what is stored, what open resumable uploads declared, and what streamed PUTs hold while
 * their bytes arrive. Every reservation locks the artist's row first, so uploads started at
 * the same moment are weighed one after another and cannot pass the quota together.
 */
final class StorageQuota {

    /** Bytes a streamed PUT holds on the quota until its file row exists. */
    record Hold(String id, String artistId) {
    }

    /** How far ahead of the bytes a growing hold reaches: one database round trip per this many bytes. */
    static final long AHEAD = 8L * 1024 * 1024;

    private final Jdbi jdbi;

    StorageQuota(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static Refusal exceeded() {
        return new Refusal(Refusal.Kind.TOO_LARGE, "quota_exceeded",
                "This upload would go past your storage quota; delete files or ask the operator for more.");
    }

    /** Refuses, without locking anything, an upload that could not fit even now. */
    void check(String artistId, long bytes) {
        if (bytes > jdbi.withHandle(h -> room(h, artistId, "", false))) {
            throw exceeded();
        }
    }

    /** Records what {@code reserve} writes (an upload row) only if {@code bytes} more fit, atomically. */
    void reserve(String artistId, long bytes, Consumer<Handle> reserve) {
        jdbi.useTransaction(h -> {
            if (bytes > room(h, artistId, "", true)) {
                throw exceeded();
            }
            reserve.accept(h);
        });
    }

    /** Holds {@code bytes} for a streamed PUT, or refuses when they do not fit. */
    Hold hold(String artistId, long bytes, Instant now) {
        Hold hold = new Hold(Ids.next("hld"), artistId);
        reserve(artistId, bytes, h -> h.createUpdate("""
                        INSERT INTO storage_holds (id, artist_id, bytes, touched_at) VALUES (:id, :artist, :bytes, :now)""")
                .bind("id", hold.id()).bind("artist", artistId).bind("bytes", bytes).bind("now", now).execute());
        return hold;
    }

    /**
     * Grows a hold to cover {@code needed} bytes, and a little ahead so a streaming body does
     * not ask at every read: up to {@link #AHEAD}, and never more than half of the room left,
     * so uploads streaming side by side near the quota all get a share. Returns what the hold
     * now covers, less than {@code needed} when the bytes do not fit.
     */
    long grow(Hold hold, long needed, Instant now) {
        return jdbi.inTransaction(h -> {
            long room = room(h, hold.artistId(), hold.id(), true);
            long granted = needed > room ? room : needed + Math.min(AHEAD, (room - needed) / 2);
            h.createUpdate("UPDATE storage_holds SET bytes = :bytes, touched_at = :now WHERE id = :id")
                    .bind("bytes", granted).bind("now", now).bind("id", hold.id()).execute();
            return granted;
        });
    }

    void release(Hold hold) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM storage_holds WHERE id = :id").bind("id", hold.id()).execute());
    }

    /** Drops holds of streamed PUTs that stopped moving (their instance died); returns how many. */
    int sweep(Instant touchedBefore) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM storage_holds WHERE touched_at < :before")
                .bind("before", touchedBefore).execute());
    }

    /** Bytes the artist may still add (Long.MAX_VALUE without a quota), not counting hold {@code except}. */
    private static long room(Handle h, String artistId, String except, boolean lock) {
        Long quota = h.createQuery("SELECT storage_quota_bytes FROM artists WHERE id = :a" + (lock ? " FOR UPDATE" : ""))
                .bind("a", artistId).mapTo(Long.class).findOne().orElse(null);
        if (quota == null) {
            return Long.MAX_VALUE;
        }
        // Read after the lock: a reservation that was waiting for it sees every one made before.
        long used = h.createQuery("""
                        SELECT (SELECT COALESCE(SUM(f.size), 0) FROM release_files f JOIN releases r ON r.id = f.release_id
                                WHERE r.artist_id = :a)
                             + (SELECT COALESCE(SUM(u.size), 0) FROM uploads u WHERE u.artist_id = :a)
                             + (SELECT COALESCE(SUM(s.bytes), 0) FROM storage_holds s WHERE s.artist_id = :a AND s.id <> :except)""")
                .bind("a", artistId).bind("except", except).mapTo(Long.class).one();
        return Math.max(0, quota - used);
    }
}
