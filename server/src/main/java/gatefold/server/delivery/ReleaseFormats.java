package gatefold.server.delivery;

import gatefold.server.albums.AlbumZip;
import gatefold.server.albums.ItemBytes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a download link may ask for beyond a file as uploaded: a track in another format,
 * or a whole release as one zip. Answered by the media feature; delivery only hands over
 * what it says is ready, and never an older file for newer metadata.
 */
public interface ReleaseFormats {

    /** The file a track link opens in a format (the original included). */
    Served track(String releaseId, String fileId, String format);

    /** The whole release as one zip in a format. */
    Served album(String releaseId, String format);

    /** What a buyer may choose: per track its formats, and the album in each format, default first. */
    Offer offer(String releaseId);

    /**
     * What a link to a file as uploaded opens for one purchase: the file itself
     * ({@link AsUploaded}), or a copy made for its buyer (a book stamped with their name), and
     * then never the file itself: while the copy cannot be made, it is being prepared or refused.
     */
    default Served original(Original file) {
        return AS_UPLOADED;
    }

    /** The whole release as one zip for one purchase (a book's zip holds its buyer's stamped copies). */
    default Served album(String releaseId, String format, String entitlementId) {
        return album(releaseId, format);
    }

    /** A file as uploaded, asked for by a purchase. */
    record Original(String entitlementId, String releaseId, String releaseKind, String fileId, String role, String name,
                    String contentType, String blobKey) {
    }

    /** What to hand over. */
    sealed interface Served {
    }

    /** A stored file: the original, or a derived file under its content key. */
    record File(String blobKey, long size, String name, String contentType, Instant made) implements Served {
    }

    /** The file as uploaded, for everyone alike. */
    record AsUploaded() implements Served {
    }

    Served AS_UPLOADED = new AsUploaded();

    /**
     * A file made for one buyer as it is sent (a stamped book), streamed by this server:
     * its size and strong ETag known up front, its bytes read by range.
     */
    record Copy(long size, String etag, String name, String contentType, Instant made, ItemBytes bytes) implements Served {
    }

    /** A zip laid out from stored files, streamed by this server. */
    record Zip(AlbumZip zip, String name, Instant made) implements Served {
    }

    /** Not made yet (the minute after an edit): what is being prepared, and when to ask again. */
    record Preparing(String what, Duration retryAfter) implements Served {
    }

    /** This release is not offered in that format; why, in the fan's words. */
    record NotOffered(String why) implements Served {
    }

    /** A buyer's choices: each track's formats (its default first, with the file's name in each) and the album's. */
    record Offer(Map<String, FileOffer> files, List<AlbumOffer> albums) {
        public static Offer originalsOnly() {
            return new Offer(Map.of(), List.of());
        }
    }

    /** One file's formats, default first, the name its download has in each, and its size where it is made. */
    record FileOffer(List<String> formats, Map<String, String> names, Map<String, Long> sizes) {
    }

    /** The album in one format; {@code size} is null until every file in it is made. */
    record AlbumOffer(String format, String label, String name, Long size) {
    }

    /** For releases whose files are only ever the originals (and for tests of delivery alone). */
    ReleaseFormats ORIGINALS = new ReleaseFormats() {
        @Override
        public Served track(String releaseId, String fileId, String format) {
            return new NotOffered("Only the original files are offered.");
        }

        @Override
        public Served album(String releaseId, String format) {
            return new NotOffered("Only the original files are offered.");
        }

        @Override
        public Offer offer(String releaseId) {
            return Offer.originalsOnly();
        }
    };
}
