package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Ids;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalog's blobs in the store: where a new one goes, and letting go of one once no file
 * names it, never before the change that dropped it has committed.
 */
final class CatalogBlobs {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogBlobs.class);
    /** Where every artist's uploaded blob lives in the store. */
    static final String PREFIX = "artists/";

    private final Jdbi jdbi;
    private final BlobStore store;

    CatalogBlobs(Jdbi jdbi, BlobStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    BlobKey newKey(Artist artist, Release release) {
        return BlobKey.of(PREFIX + artist.id() + "/releases/" + release.id() + "/" + Ids.next("blob"));
    }

    /** Runs now, or once the caller's transaction commits: a rollback must never cost a blob a row still names. */
    void afterCommit(Runnable action) {
        jdbi.useHandle(h -> {
            if (h.isInTransaction()) {
                h.afterCommit(action);
            } else {
                action.run();
            }
        });
    }

    /** Deletes the blob once no file refers to it. */
    void release(String key) {
        if (jdbi.onDemand(CatalogDao.class).blobReferences(key) == 0) {
            deleteQuietly(BlobKey.of(key));
        }
    }

    void deleteQuietly(BlobKey key) {
        try {
            store.delete(key);
        } catch (RuntimeException e) {
            LOG.warn("could not delete blob {}: {}", key, e.getMessage());
        }
    }

    void abortQuietly(Upload upload) {
        try {
            store.abortMultipart(BlobKey.of(upload.blobKey()), upload.storeUploadId());
        } catch (RuntimeException e) {
            LOG.warn("could not abort upload {}: {}", upload.id(), e.getMessage());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
