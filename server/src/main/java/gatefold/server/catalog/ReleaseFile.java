package gatefold.server.catalog;

import java.time.Instant;

/**
 * A file of a release: a track, a master, a cover or an extra. The bytes live in the
 * store under {@code blobKey}; {@code sha256} and {@code crc32} are null until the file has
 * been verified. {@code title} is the track title the artist set; without one, the name
 * stands in (see {@link #trackTitle()}). {@code availableNow}: on a pre-order, buyers get this file
 * at once rather than on the release date.
 */
public record ReleaseFile(
        String id,
        String releaseId,
        String name,
        String role,
        int position,
        long size,
        String contentType,
        String sha256,
        Long crc32,
        String blobKey,
        boolean verified,
        String title,
        Instant createdAt,
        boolean availableNow) {

    /** A file just stored, verified when its checksums were taken from the bytes on the way in. */
    public static ReleaseFile stored(String id, String releaseId, String name, String role, int position, Stored bytes,
                                     Instant createdAt) {
        return new ReleaseFile(id, releaseId, name, role, position, bytes.size(), bytes.contentType(), bytes.sha256(),
                bytes.crc32(), bytes.blobKey(), bytes.sha256() != null, null, createdAt, false);
    }

    /** What the store now holds for a file: size, type, checksums (null until known) and key. */
    public record Stored(long size, String contentType, String sha256, Long crc32, String blobKey) {
    }

    /** The same file holding other bytes (a replacement upload); its title and place stay. */
    public ReleaseFile withBytes(String newName, String newRole, Stored bytes) {
        return new ReleaseFile(id, releaseId, newName, newRole, position, bytes.size(), bytes.contentType(), bytes.sha256(),
                bytes.crc32(), bytes.blobKey(), bytes.sha256() != null, title, createdAt, availableNow);
    }

    public ReleaseFile withPlace(String newName, String newRole, int newPosition, String newTitle) {
        return new ReleaseFile(id, releaseId, newName, newRole, newPosition, size, contentType, sha256, crc32, blobKey, verified,
                newTitle, createdAt, availableNow);
    }

    /** The same file, given to pre-order buyers at once ({@code true}) or on the release date. */
    public ReleaseFile withAvailableNow(boolean now) {
        return new ReleaseFile(id, releaseId, name, role, position, size, contentType, sha256, crc32, blobKey, verified, title,
                createdAt, now);
    }

    public ReleaseFile withPosition(int newPosition) {
        return withPlace(name, role, newPosition, title);
    }

    /** The title a player shows: the one the artist set, else the name without its extension and leading track number. */
    public String trackTitle() {
        if (title != null && !title.isBlank()) {
            return title;
        }
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String stripped = base.replaceFirst("^\\s*\\d{1,3}(\\s*[-._)]\\s*|\\s+)(?=\\S)", "");
        return stripped.isBlank() ? base : stripped.strip();
    }
}
