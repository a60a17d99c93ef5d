package gatefold.server.media;

import gatefold.server.common.ByteSizes;
import gatefold.storage.BlobStore;
import java.util.Optional;
import java.util.function.ToLongFunction;
import org.jdbi.v3.core.Jdbi;

/**
 * Where derived files go, and how much room they may take: apart from the artist's upload
 * quota, up to {@code GATEFOLD_DERIVED_QUOTA_FACTOR} times the size of their masters
 * (default 6: nine formats of an album average a bit under that), shown to the artist.
 */
final class DerivedSpace {

    private final Jdbi jdbi;
    private final BlobStore store;
    private final ToLongFunction<String> mastersBytes;
    private final double factor;

    /** Films' packages, trailers and subtitles: derived files too, kept by the watch feature. */
    private final ToLongFunction<String> filmBytes;

    DerivedSpace(Jdbi jdbi, BlobStore store, ToLongFunction<String> mastersBytes, double factor, ToLongFunction<String> filmBytes) {
        this.filmBytes = filmBytes;
        this.jdbi = jdbi;
        this.store = store;
        this.mastersBytes = mastersBytes;
        this.factor = factor;
    }

    BlobStore store() {
        return store;
    }

    long used(String artistId) {
        return jdbi.withExtension(MediaDao.class, dao -> dao.derivedBytes(artistId)) + filmBytes.applyAsLong(artistId);
    }

    long cap(String artistId) {
        return (long) (mastersBytes.applyAsLong(artistId) * factor);
    }

    /** Why no more derived files may be made for this artist; empty while there is room. */
    Optional<String> refusal(String artistId) {
        long used = used(artistId);
        long cap = cap(artistId);
        if (used < cap) {
            return Optional.empty();
        }
        return Optional.of("The room for files made from your masters (" + ByteSizes.readable(cap) + ", " + factor
                + " times your uploads) is full; leave some formats out, or ask the operator for more.");
    }
}
