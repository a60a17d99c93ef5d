package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Ids;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import gatefold.storage.InvalidPartException;
import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PartInfo;
import gatefold.storage.PresignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resumable multipart uploads. The server picks the part size; parts go straight to the
 * store (S3 presigned, or this server's signed URL); the store says which parts arrived;
 * {@code complete} checks every part and the total before the file exists.
 */
public final class Uploads {

    static final Duration PART_URL_LIFETIME = Duration.ofHours(1);
    /** How long a finished upload answers a repeated "complete" with its file. */
    static final Duration COMPLETED_KEPT = Duration.ofDays(1);
    private final Catalog catalog;

    public Uploads(Catalog catalog) {
        this.catalog = catalog;
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
        BlobKey key = catalog.newBlobKey(artist, release);
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
                catalog.abortQuietly(upload);
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
     * file. The upload's row, and so its hold on the quota, stays until the file row exists.
     */
    public ReleaseFile complete(Artist artist, String uploadId, List<PartClaim> claims) {
        Optional<Upload> pending = pending(artist, uploadId);
        if (pending.isEmpty()) {
            // Asked again after it finished (the first answer was lost): the same file, not a 404.
            return catalog.dao().completedFile(uploadId, artist.id()).orElseThrow(Uploads::noSuchUpload);
        }
        Upload upload = pending.get();
        Release release = catalog.owned(artist, upload.releaseId());
        List<PartInfo> parts = checkedParts(upload, claims);
        if (catalog.dao().claimCompletion(upload.id(), Instant.now()) != 1) {
            throw Refusal.conflict("This upload is being completed by another request.");
        }
        BlobKey key = BlobKey.of(upload.blobKey());
        try {
            catalog.store().completeMultipart(key, upload.storeUploadId(), parts);
        } catch (InvalidPartException | NoSuchUploadException e) {
            catalog.dao().deleteUpload(upload.id());
            catalog.abortQuietly(upload);
            throw Refusal.invalid("The store refused the parts (" + e.getMessage() + "); start the upload again.");
        } catch (RuntimeException e) {
            // The store did not answer: the parts are still there, and the client may ask again.
            catalog.dao().releaseCompletion(upload.id());
            throw e;
        }
        try {
            return save(artist, release, upload, key);
        } finally {
            catalog.dao().deleteUpload(upload.id());
        }
    }

    /** The parts named by the claims, each checked against the store and the size it must have. */
    private List<PartInfo> checkedParts(Upload upload, List<PartClaim> claims) {
        if (claims.size() != upload.partCount()) {
            throw Refusal.invalid("This upload has " + upload.partCount() + " parts; 'parts' lists " + claims.size() + ".");
        }
        Map<Integer, PartInfo> received = new HashMap<>();
        parts(upload).forEach(p -> received.put(p.partNumber(), p));
        List<PartInfo> parts = new ArrayList<>(claims.size());
        long total = 0;
        for (int i = 0; i < claims.size(); i++) {
            PartClaim claim = claims.get(i);
            if (claim.n() != i + 1) {
                throw Refusal.invalid("'parts' must list parts 1 to " + upload.partCount() + " in order.");
            }
            PartInfo part = received.get(claim.n());
            if (part == null) {
                throw Refusal.invalid("Part " + claim.n() + " has not arrived yet.");
            }
            if (!unquote(part.etag()).equals(unquote(claim.etag()))) {
                throw Refusal.invalid("Part " + claim.n() + " has a different ETag in the store; send it again.");
            }
            if (part.size() != upload.expectedPartSize(claim.n())) {
                throw Refusal.invalid("Part " + claim.n() + " has " + part.size() + " bytes; it must have "
                        + upload.expectedPartSize(claim.n()) + ". Send it again.");
            }
            total += part.size();
            parts.add(part);
        }
        if (total != upload.size()) {
            throw Refusal.invalid("The parts hold " + total + " bytes; the upload declared " + upload.size() + ".");
        }
        return parts;
    }

    /** The assembled blob becomes the file, if its bytes are what the release takes. */
    private ReleaseFile save(Artist artist, Release release, Upload upload, BlobKey key) {
        String type = sniffStored(key);
        try {
            FileRules.check(release.kind(), upload.role(), type);
        } catch (Refusal e) {
            catalog.deleteBlobQuietly(key);
            throw e;
        }
        Optional<ReleaseFile> existing = catalog.dao().fileByName(release.id(), upload.name());
        // The bytes never passed through this server, so a background job reads them once for the SHA-256.
        ReleaseFile file = catalog.saveFile(release, existing, upload.name(), upload.role(),
                new ReleaseFile.Stored(upload.size(), type, null, null, key.value()));
        Instant now = Instant.now();
        catalog.dao().recordCompleted(upload.id(), artist.id(), key.value(), now);
        catalog.dao().forgetCompletedBefore(now.minus(COMPLETED_KEPT));
        return file;
    }

    public void abort(Artist artist, String uploadId) {
        Upload upload = owned(artist, uploadId);
        if (catalog.dao().deleteIdleUpload(upload.id()) == 1) {
            catalog.abortQuietly(upload);
        }
    }

    private String sniffStored(BlobKey key) {
        try (InputStream in = catalog.store().get(key, ByteRange.of(0, ContentSniffer.HEAD_BYTES - 1))) {
            return ContentSniffer.sniff(in.readNBytes(ContentSniffer.HEAD_BYTES));
        } catch (IOException e) {
            throw new gatefold.storage.StoreUnavailableException("could not read the new file back", e);
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
