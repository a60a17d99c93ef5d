package gatefold.server.watch;

import java.time.Instant;

/** A trailer made to the artist's choice, stored at {@code blobKey} and named by {@code trailerKey}. */
public record MadeTrailer(String trailerKey, String artistId, String releaseId, String blobKey, long bytes, Instant createdAt) {
}
