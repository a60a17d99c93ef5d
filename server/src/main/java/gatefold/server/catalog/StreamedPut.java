package gatefold.server.catalog;

import gatefold.server.accounts.Artist;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import gatefold.storage.LengthMismatchException;
import gatefold.storage.StoreException;
import gatefold.storage.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A whole file sent as one body (PUT, or a dashboard form). It holds its Content-Length on
 * the quota before a byte is read, or, sent chunked, holds step by step as it streams; the
 * hold ends once the file row exists or the upload failed. Size and SHA-256 are computed on
 * the way into the store, and the type is taken from the bytes.
 */
final class StreamedPut {

    private final Catalog catalog;

    StreamedPut(Catalog catalog) {
        this.catalog = catalog;
    }

    ReleaseFile put(Artist artist, Release release, String name, Optional<String> role, InputStream body, long declaredLength) {
        long maxFileBytes = catalog.limits().maxFileBytes();
        if (declaredLength > maxFileBytes) {
            throw tooLarge(maxFileBytes);
        }
        StorageQuota quota = catalog.quota();
        StorageQuota.Hold hold = quota.hold(artist.id(), Math.max(0, declaredLength), Instant.now());
        try {
            QuotaStream weighed = new QuotaStream(body, quota, hold, Math.max(0, declaredLength));
            return store(artist, release, name, role, weighed, declaredLength);
        } finally {
            quota.release(hold);
        }
    }

    private ReleaseFile store(Artist artist, Release release, String name, Optional<String> role, QuotaStream body,
                              long declaredLength) {
        byte[] head = readHead(body, declaredLength);
        String type = ContentSniffer.sniff(head);
        Optional<ReleaseFile> existing = catalog.dao().fileByName(release.id(), name);
        String fileRole = role.orElse(existing.map(ReleaseFile::role).orElse(FileRules.defaultRole(release.kind(), type)));
        FileRules.check(release.kind(), fileRole, type);

        long maxFileBytes = catalog.limits().maxFileBytes();
        MessageDigest sha256 = CatalogBlobs.sha256();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        CappedInputStream capped = new CappedInputStream(new SequenceInputStream(new ByteArrayInputStream(head), body),
                maxFileBytes);
        BlobKey key = catalog.blobs().newKey(artist, release);
        BlobInfo info;
        try {
            info = catalog.store().put(key, new java.util.zip.CheckedInputStream(new DigestInputStream(capped, sha256), crc),
                    declaredLength, type);
        } catch (LengthMismatchException e) {
            throw Refusal.badRequest("The body length differs from its Content-Length.");
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException | UncheckedIOException e) {
            if (capped.exceeded()) {
                throw tooLarge(maxFileBytes);
            }
            if (body.exceeded()) {
                throw StorageQuota.exceeded();
            }
            throw Refusal.badRequest("The upload was interrupted before it finished.");
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        return FileSaves.save(catalog, release, existing, name, fileRole,
                new ReleaseFile.Stored(info.size(), type, hex, crc.getValue(), key.value()));
    }

    private static byte[] readHead(QuotaStream body, long declaredLength) {
        byte[] head;
        try {
            head = body.readNBytes(ContentSniffer.HEAD_BYTES);
        } catch (IOException e) {
            if (body.exceeded()) {
                throw StorageQuota.exceeded();
            }
            throw Refusal.badRequest("The upload was interrupted.");
        }
        if (declaredLength >= 0 && head.length < Math.min(ContentSniffer.HEAD_BYTES, declaredLength)) {
            throw Refusal.badRequest("The body is shorter than its Content-Length.");
        }
        return head;
    }

    private static Refusal tooLarge(long maxFileBytes) {
        return Refusal.tooLarge("Files may be at most " + maxFileBytes + " bytes.");
    }
}
