package gatefold.server.delivery;

import gatefold.server.albums.AlbumZip;
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

    /** What to hand over. */
    sealed interface Served {
    }

    /** A stored file: the original, or a derived file under its content key. */
    record File(String blobKey, long size, String name, String contentType, Instant made) implements Served {
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
