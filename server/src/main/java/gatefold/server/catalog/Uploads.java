package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PartInfo;
import gatefold.storage.PresignedRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Resumable multipart uploads. The server picks the part size; parts go straight to the
 * store (S3 presigned, or this server's signed URL); the store says which parts arrived;
 * {@code complete} checks every part and the total before the file exists.
 */
public final class Uploads {

    static final Duration PART_URL_LIFETIME = Duration.ofHours(1);
    private final Catalog catalog;
    private final UploadCompletion completion;

    public Uploads(Catalog catalog) {
        this.catalog = catalog;
        this.completion = new UploadCompletion(catalog);
    }

    public Upload start(Artist artist, String releaseId, String rawName, long size, String claimedType, Optional<String> role) {
        Release release = catalog.owned(artist, releaseId);
        String name = FileRules.checkName(rawName);
        if (size < 1) {
            throw Refusal.invalid("'size' must be at least 1 byte; send empty files with PUT.");
        }
        if (size > catalog.limits().maxFileBytes()) {
            throw Refusal.tooLarge("Files may be at most " + catalog.limits().maxFileBytes() + " bytes.");
        }
        StorageQuota quota = catalog.quota();
        quota.check(artist.id(), size);
        String fileRole = role.orElse(FileRules.defaultRole(release.kind(), claimedType));
        // The claim is checked now to fail early; the bytes themselves are checked at complete.
        FileRules.check(release.kind(), fileRole, claimedType);
        long partSize = CatalogLimits.partSizeFor(size);
        int partCount = (int) ((size + partSize - 1) / partSize);
        BlobKey key = catalog.blobs().newKey(artist, release);
        BlobStore store = catalog.store();
        String storeUploadId = store.createMultipart(key, claimedType);
        Instant now = Instant.now();
        Upload upload = new Upload(Ids.next("upl"), release.id(), artist.id(), name, fileRole, size, claimedType, partSize,
                partCount, key.value(), storeUploadId, now, now);
        try {
            // The row is the upload's hold on the quota: checked and written with the artist locked.
            quota.reserve(artist.id(), size, h -> h.attach(CatalogDao.class).insertUpload(upload));
        } catch (RuntimeException e) {
            store.abortMultipart(key, storeUploadId);
            throw e;
        }
        return upload;
    }

    public Upload owned(Artist artist, String uploadId) {
        return pending(artist, uploadId).orElseThrow(Uploads::noSuchUpload);
    }

    private Optional<Upload> pending(Artist artist, String uploadId) {
        return catalog.dao().upload(uploadId).filter(u -> u.artistId().equals(artist.id()));
    }

    private static Refusal noSuchUpload() {
        return Refusal.notFound("No such upload; it may have finished or expired.");
    }

    /**
     * Where to send part {@code n}: a URL that takes exactly that part's size. Asking is not
     * activity; an upload past its expiry is ended here rather than handed another URL.
     */
    public PresignedRequest partUrl(Artist artist, String uploadId, int n) {
        Upload upload = owned(artist, uploadId);
        checkPartNumber(upload, n);
        if (UploadExpiry.expired(catalog, upload, Instant.now())) {
            if (catalog.dao().deleteUpload(upload.id()) == 1) {
                catalog.blobs().abortQuietly(upload);
            }
            throw Refusal.gone("This upload expired because no part arrived for too long; start it again.");
        }
        return catalog.store().presignPart(BlobKey.of(upload.blobKey()), upload.storeUploadId(), n,
                upload.expectedPartSize(n), PART_URL_LIFETIME);
    }

    public List<PartInfo> parts(Upload upload) {
        try {
            return catalog.store().listParts(BlobKey.of(upload.blobKey()), upload.storeUploadId());
        } catch (NoSuchUploadException e) {
            throw Refusal.gone("This upload no longer exists in the store; start it again.");
        }
    }

    public record PartClaim(int n, String etag) {
    }

    /**
     * Checks every part against the store and the declared size, then turns the parts into the
     * file ({@link UploadCompletion}). The upload's row, and so its hold on the quota, stays until the file row exists.
     */
    public ReleaseFile complete(Artist artist, String uploadId, List<PartClaim> claims) {
        Optional<Upload> pending = pending(artist, uploadId);
        if (pending.isEmpty()) {
            // Asked again after it finished (the first answer was lost): the same file, not a 404.
            return completion.finished(artist, uploadId);
        }
        return completion.complete(artist, pending.get(), claims);
    }

    public void abort(Artist artist, String uploadId) {
        Upload upload = owned(artist, uploadId);
        // A request completing it holds its row locked: this waits, then finds it gone or still there to end.
        if (catalog.dao().deleteUpload(upload.id()) == 1) {
            catalog.blobs().abortQuietly(upload);
        }
    }

    private static void checkPartNumber(Upload upload, int n) {
        if (n < 1 || n > upload.partCount()) {
            throw Refusal.invalid("Part numbers for this upload run from 1 to " + upload.partCount() + ".");
        }
    }

    static String unquote(String etag) {
        return etag == null ? "" : etag.replace("\"", "");
    }
}
