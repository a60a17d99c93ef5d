package gatefold.server.delivery;

import gatefold.server.albums.AlbumZip;
import gatefold.server.common.Refusal;
import gatefold.storage.BlobInfo;
import gatefold.storage.BlobKey;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns a valid link into what it hands over: the file as uploaded, the track in another
 * format (from the media feature, only once made under the current key), or the album zip.
 */
final class Handovers {

    /** The file is not ready yet: no bytes, nothing spent. */
    static final class NotReady extends RuntimeException {
        final ReleaseFormats.Preparing preparing;

        NotReady(ReleaseFormats.Preparing preparing) {
            super(preparing.what(), null, false, false);
            this.preparing = preparing;
        }
    }

    private final ReleaseFormats formats;
    private final HotFiles hotFiles;

    Handovers(ReleaseFormats formats, HotFiles hotFiles) {
        this.formats = formats;
        this.hotFiles = hotFiles;
    }

    Handover of(DownloadLink link, DeliveryTarget target) {
        if (link.fileId().equals(Handover.ALBUM)) {
            return album(link, target, formats.album(target.releaseId(), link.format(), target.entitlementId()));
        }
        if (!target.hasFile()) {
            throw Refusal.notFound("This file is no longer part of the release; open your library for the current files.");
        }
        if (link.format().equals("original")) {
            ReleaseFormats.Served original = formats.original(new ReleaseFormats.Original(target.entitlementId(), target.releaseId(),
                    target.releaseKind(), target.fileId(), target.role(), target.name(), target.contentType(), target.blobKey()));
            if (original instanceof ReleaseFormats.AsUploaded) {
                return file(link, target, target.blobKey(), target.blob(), target.name(), target.contentType());
            }
            if (original instanceof ReleaseFormats.Copy copy) {
                return copy(link, target, copy);
            }
            throw refusal(original);
        }
        ReleaseFormats.Served served = formats.track(target.releaseId(), target.fileId(), link.format());
        if (served instanceof ReleaseFormats.File made) {
            BlobInfo info = new BlobInfo(BlobKey.of(made.blobKey()), made.size(), DeliveryTarget.etag(made.blobKey()),
                    made.contentType(), made.made());
            return file(link, target, made.blobKey(), info, made.name(), made.contentType());
        }
        throw refusal(served);
    }

    private Handover file(DownloadLink link, DeliveryTarget target, String blobKey, BlobInfo info, String name, String type) {
        BlobResponse.Source source = (key, range) -> hotFiles.open(key, range, info.size());
        return new Handover(target, target.fileId(), link.format(), info, name, type, source, blobKey);
    }

    /**
     * A copy made for this buyer: streamed by this server in every mode (a store URL would hand
     * out the file everyone has), with no date validator, since the same date can name two copies.
     */
    private Handover copy(DownloadLink link, DeliveryTarget target, ReleaseFormats.Copy copy) {
        BlobInfo info = new BlobInfo(BlobKey.of("copies/" + copy.etag()), copy.size(), copy.etag(), copy.contentType(), null);
        return new Handover(target, target.fileId(), link.format(), info, copy.name(), copy.contentType(), ranged(copy.size(),
                copy.bytes()), null);
    }

    private static BlobResponse.Source ranged(long size, gatefold.server.albums.ItemBytes bytes) {
        return (key, range) -> {
            long length = range.isOpenEnded() ? size - range.first() : range.last() - range.first() + 1;
            try {
                return bytes.open(range.first(), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Handover album(DownloadLink link, DeliveryTarget target, ReleaseFormats.Served served) {
        if (!(served instanceof ReleaseFormats.Zip zip)) {
            throw refusal(served);
        }
        AlbumZip album = zip.zip();
        BlobInfo info = new BlobInfo(BlobKey.of("albums/" + album.etag()), album.length(), album.etag(), "application/zip",
                zip.made());
        BlobResponse.Source source = (key, range) -> {
            long length = range.isOpenEnded() ? album.length() - range.first() : range.last() - range.first() + 1;
            try {
                return album.open(range.first(), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        return new Handover(target, Handover.ALBUM, link.format(), info, zip.name(), "application/zip", source, null);
    }

    private static RuntimeException refusal(ReleaseFormats.Served served) {
        if (served instanceof ReleaseFormats.Preparing preparing) {
            return new NotReady(preparing);
        }
        if (served instanceof ReleaseFormats.NotOffered not) {
            return Refusal.notFound(not.why());
        }
        return new IllegalStateException("unexpected answer for a download: " + served.getClass().getSimpleName());
    }
}
