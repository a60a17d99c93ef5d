package gatefold.server.books;

import gatefold.server.albums.ItemBytes;
import gatefold.server.common.Refusal;
import gatefold.server.delivery.ReleaseFormats;
import gatefold.server.delivery.ReleaseFormats.Original;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * One buyer's copy of a stamped book, made at the click from the prepared template: the
 * buyer's email, order and the day their access began, in the release's wording. Nothing
 * is written and nothing waits on a queue; a file not prepared yet is "being prepared", and
 * one that cannot be stamped is refused. The unstamped file is never the answer while
 * stamping is on.
 */
final class BookCopies {

    static final Duration ASK_AGAIN = Duration.ofSeconds(5);
    private final Stamping stamping;
    private final TemplateCache cache;
    private final BlobStore store;

    BookCopies(Stamping stamping, TemplateCache cache, BlobStore store) {
        this.stamping = stamping;
        this.cache = cache;
        this.store = store;
    }

    /** A prepared copy and where its base is; empty while the file is not ready. */
    record Made(StampedCopy copy, String baseKey, java.time.Instant preparedAt) {
        ItemBytes bytes(BlobStore store) {
            BaseOpener base = (offset, length) -> store.get(BlobKey.of(baseKey), ByteRange.of(offset, offset + length - 1));
            return (offset, length) -> copy.open(offset, length, base);
        }
    }

    /** What a link to this file opens for this purchase. */
    ReleaseFormats.Served copy(Original file) {
        if (!BookTypes.stampable(file.releaseKind(), file.role(), file.contentType())
                || !stamping.dao().choice(file.fileId()).orElse(true)) {
            return ReleaseFormats.AS_UPLOADED;
        }
        Optional<Made> made = made(file.entitlementId(), file.releaseId(), file.fileId(), file.blobKey());
        if (made.isEmpty()) {
            return notReady(file.releaseId(), file.fileId(), file.blobKey(), file.name());
        }
        StampedCopy copy = made.get().copy();
        return new ReleaseFormats.Copy(copy.length(), copy.fingerprint(), file.name(), file.contentType(), made.get().preparedAt(),
                made.get().bytes(store));
    }

    /** The buyer's copy of a prepared file. */
    Optional<Made> made(String entitlementId, String releaseId, String fileId, String blobKey) {
        Optional<TemplateCache.Entry> entry = cache.get(fileId, blobKey, () -> stamping.dao().stamp(fileId, blobKey));
        if (entry.isEmpty()) {
            return Optional.empty();
        }
        StampDao.Buyer buyer = stamping.dao().buyer(entitlementId)
                .orElseThrow(() -> Refusal.notFound("This purchase no longer exists."));
        StampText text = new StampText(stamping.wording(releaseId), "", buyer.email(), buyer.orderId(),
                buyer.createdAt().atOffset(ZoneOffset.UTC).toLocalDate());
        return Optional.of(new Made(entry.get().template().fill(text), entry.get().baseKey(), entry.get().preparedAt()));
    }

    /** Not prepared yet (queued again, in case nothing is on its way), or it cannot be stamped. */
    ReleaseFormats.Served notReady(String releaseId, String fileId, String blobKey, String name) {
        Optional<PreparedStamp> stamp = stamping.dao().stamp(fileId, blobKey);
        if (stamp.isPresent() && !stamp.get().ready()) {
            return new ReleaseFormats.NotOffered("“" + name + "” cannot be downloaded until the artist replaces it: it could not"
                    + " be made into a copy with your name. The artist can see why.");
        }
        stamping.plan(releaseId);
        return new ReleaseFormats.Preparing("“" + name + "” is being prepared with your name.", ASK_AGAIN);
    }
}
