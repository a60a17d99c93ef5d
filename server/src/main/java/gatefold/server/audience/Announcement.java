package gatefold.server.audience;

import java.time.Instant;

/**
 * Something followers are told once: a release out, a pre-order open, or a note from the
 * artist. A release's announcement has the id {@code release:<releaseId>}, so it exists once.
 */
public record Announcement(String id, String artistId, String releaseId, String subject, String body, Instant announcedAt) {
}
