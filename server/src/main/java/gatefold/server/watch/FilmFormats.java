package gatefold.server.watch;

import gatefold.server.delivery.ReleaseFormats;
import org.jdbi.v3.core.Jdbi;

/**
 * The formats delivery hands over, with one film rule on top: a rented or stream-only film's
 * master is never handed over, whatever link asks for it (one from before the film went
 * stream-only included), by the same rule that leaves it out of every list of links.
 * Everything else is answered by the formats it wraps, unchanged.
 */
public final class FilmFormats implements ReleaseFormats {

    private final ReleaseFormats inner;
    private final Jdbi jdbi;

    public FilmFormats(ReleaseFormats inner, Jdbi jdbi) {
        this.inner = inner;
        this.jdbi = jdbi;
    }

    @Override
    public Served original(Original file) {
        // Only a film's files ask the database: every other click costs nothing more.
        if (file.releaseKind().equals("film") && FilmOffers.withheld(jdbi, file.entitlementId(), file.releaseId(), file.role())) {
            return new NotOffered("This film is watched in your library, not downloaded.");
        }
        return inner.original(file);
    }

    @Override
    public Served track(String releaseId, String fileId, String format) {
        return inner.track(releaseId, fileId, format);
    }

    @Override
    public Served album(String releaseId, String format) {
        return inner.album(releaseId, format);
    }

    @Override
    public Served album(String releaseId, String format, String entitlementId) {
        return inner.album(releaseId, format, entitlementId);
    }

    @Override
    public Offer offer(String releaseId) {
        return inner.offer(releaseId);
    }
}
