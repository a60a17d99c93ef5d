package gatefold.server.catalog;

import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.server.db.Sql;
import gatefold.storage.BlobKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The last step of every upload, streamed or in parts: the row for a blob that is complete in the
 * store. A blob whose row cannot be written is deleted again, so a failed save leaves no orphan.
 */
final class FileSaves {

    private FileSaves() {
    }

    /** Records a complete blob as the named file, replacing an older one of that name. */
    static ReleaseFile save(Catalog catalog, Release release, Optional<ReleaseFile> existing, String name, String role,
                            ReleaseFile.Stored bytes) {
        CatalogDao dao = catalog.dao();
        CatalogBlobs blobs = catalog.blobs();
        BlobKey key = BlobKey.of(bytes.blobKey());
        ReleaseFile file = existing.map(old -> old.withBytes(name, role, bytes))
                .orElseGet(() -> ReleaseFile.stored(Ids.next("fil"), release.id(), name, role, dao.lastPosition(release.id()) + 1,
                        bytes, Instant.now()));
        try {
            if (existing.isPresent()) {
                dao.updateFile(file);
            } else {
                dao.insertFile(file);
            }
        } catch (RuntimeException e) {
            blobs.deleteQuietly(key);
            if (Sql.isUniqueViolation(e)) {
                throw Refusal.conflict("Another upload of '" + name + "' finished at the same moment; try again.");
            }
            throw e;
        }
        existing.ifPresent(old -> blobs.afterCommit(() -> blobs.release(old.blobKey())));
        catalog.changed(release.id());
        return file;
    }
}
