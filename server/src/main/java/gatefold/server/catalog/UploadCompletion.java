package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.ByteRange;
import gatefold.storage.InvalidPartException;
import gatefold.storage.NoSuchUploadException;
import gatefold.storage.PartInfo;
import gatefold.storage.StoreUnavailableException;
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
 * {@code complete} of a resumable upload: the parts become the file in one database
 * transaction that also holds the upload's row locked. A second request for the same upload
 * waits for the first and then gets its file (on H2 it may give up at the lock timeout first:
 * 503, try again); an instance that dies mid-way leaves nothing behind in the database, which
 * drops the lock and the changes with the connection. Only the store may have assembled the
 * blob by then, and a retry finds it there and carries on.
 */
final class UploadCompletion {

    /** How long a finished upload answers a repeated "complete" with its file. */
    private static final Duration COMPLETED_KEPT = Duration.ofDays(1);
    private final Catalog catalog;

    UploadCompletion(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Thrown inside the transaction when the store refused the parts, so the upload ends after the rollback. */
    private static final class PartsRefused extends RuntimeException {
        PartsRefused(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    ReleaseFile complete(Artist artist, Upload upload, List<Uploads.PartClaim> claims) {
        Release release = catalog.owned(artist, upload.releaseId());
        // Empty when an earlier attempt got as far as assembling the blob before its instance died.
        Optional<List<PartInfo>> parts = receivedParts(upload).map(received -> checkedParts(upload, claims, received));
        try {
            ReleaseFile file = catalog.jdbi().inTransaction(h -> {
                if (h.attach(CatalogDao.class).lockForCompletion(upload.id(), Instant.now()) != 1) {
                    // Another request completed (or an abort ended) it while this one waited for the lock.
                    return finished(artist, upload.id());
                }
                BlobKey key = BlobKey.of(upload.blobKey());
                parts.ifPresent(list -> assemble(upload, key, list));
                return save(artist, release, upload, key);
            });
            if (parts.isEmpty()) {
                catalog.blobs().abortQuietly(upload); // Parts a crash left beside the assembled blob, if any.
            }
            return file;
        } catch (PartsRefused e) {
            discard(upload);
            throw Refusal.invalid("The store refused the parts (" + e.getMessage() + "); start the upload again.");
        } catch (Refusal e) {
            // The bytes are not what the release takes (the blob is already deleted): the upload ends here.
            discard(upload);
            throw e;
        }
    }

    /** The file a finished upload became, while it is remembered. */
    ReleaseFile finished(Artist artist, String uploadId) {
        return catalog.dao().completedFile(uploadId, artist.id())
                .orElseThrow(() -> Refusal.notFound("No such upload; it may have finished or expired."));
    }

    private void assemble(Upload upload, BlobKey key, List<PartInfo> parts) {
        try {
            catalog.store().completeMultipart(key, upload.storeUploadId(), parts);
        } catch (InvalidPartException | NoSuchUploadException e) {
            if (!isAssembled(upload, key)) {
                throw new PartsRefused(e);
            }
            // A request before this one assembled it, then failed before the file row: carry on from there.
        }
    }

    /** Only this upload's completion writes its key, so a blob of its size there is the assembled upload. */
    private boolean isAssembled(Upload upload, BlobKey key) {
        return catalog.store().head(key).map(BlobInfo::size).filter(size -> size == upload.size()).isPresent();
    }

    /**
     * The parts the store holds, or empty when an earlier attempt got as far as assembling the
     * blob before its instance died (S3 then no longer knows the upload; S3Proxy lists it with no parts).
     */
    private Optional<List<PartInfo>> receivedParts(Upload upload) {
        BlobKey key = BlobKey.of(upload.blobKey());
        if (isAssembled(upload, key)) {
            return Optional.empty();
        }
        try {
            return Optional.of(catalog.store().listParts(key, upload.storeUploadId()));
        } catch (NoSuchUploadException e) {
            throw Refusal.gone("This upload no longer exists in the store; start it again.");
        }
    }

    private void discard(Upload upload) {
        if (catalog.dao().deleteUpload(upload.id()) == 1) {
            catalog.blobs().abortQuietly(upload);
        }
    }

    /** The parts named by the claims, each checked against the store and the size it must have. */
    private static List<PartInfo> checkedParts(Upload upload, List<Uploads.PartClaim> claims, List<PartInfo> stored) {
        if (claims.size() != upload.partCount()) {
            throw Refusal.invalid("This upload has " + upload.partCount() + " parts; 'parts' lists " + claims.size() + ".");
        }
        Map<Integer, PartInfo> received = new HashMap<>();
        stored.forEach(p -> received.put(p.partNumber(), p));
        List<PartInfo> parts = new ArrayList<>(claims.size());
        long total = 0;
        for (int i = 0; i < claims.size(); i++) {
            Uploads.PartClaim claim = claims.get(i);
            if (claim.n() != i + 1) {
                throw Refusal.invalid("'parts' must list parts 1 to " + upload.partCount() + " in order.");
            }
            PartInfo part = received.get(claim.n());
            if (part == null) {
                throw Refusal.invalid("Part " + claim.n() + " has not arrived yet.");
            }
            if (!Uploads.unquote(part.etag()).equals(Uploads.unquote(claim.etag()))) {
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

    /** The assembled blob becomes the file, if its bytes are what the release takes; the upload's row goes with it. */
    private ReleaseFile save(Artist artist, Release release, Upload upload, BlobKey key) {
        String type = sniffStored(key);
        try {
            FileRules.check(release.kind(), upload.role(), type);
        } catch (Refusal e) {
            catalog.blobs().deleteQuietly(key);
            throw e;
        }
        CatalogDao dao = catalog.dao();
        Optional<ReleaseFile> existing = dao.fileByName(release.id(), upload.name());
        // The bytes never passed through this server, so a background job reads them once for the SHA-256.
        ReleaseFile file = FileSaves.save(catalog, release, existing, upload.name(), upload.role(),
                new ReleaseFile.Stored(upload.size(), type, null, null, key.value()));
        Instant now = Instant.now();
        dao.recordCompleted(upload.id(), artist.id(), key.value(), now);
        dao.forgetCompletedBefore(now.minus(COMPLETED_KEPT));
        dao.deleteUpload(upload.id());
        return file;
    }

    private String sniffStored(BlobKey key) {
        try (InputStream in = catalog.store().get(key, ByteRange.of(0, ContentSniffer.HEAD_BYTES - 1))) {
            return ContentSniffer.sniff(in.readNBytes(ContentSniffer.HEAD_BYTES));
        } catch (IOException e) {
            throw new StoreUnavailableException("could not read the new file back", e);
        }
    }
}
