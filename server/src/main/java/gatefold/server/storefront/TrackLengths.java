package gatefold.server.storefront;

import gatefold.server.catalog.ReleaseFile;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import gatefold.storage.ByteRange;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Track durations for the tracklist, read once per stored blob from its first bytes (FLAC
 * and WAV) and remembered; a blob's bytes never change, so neither does its duration.
 */
final class TrackLengths {

    private static final int MAX_REMEMBERED = 10_000;
    private final BlobStore store;
    private final ConcurrentHashMap<String, Optional<Long>> known = new ConcurrentHashMap<>();

    TrackLengths(BlobStore store) {
        this.store = store;
    }

    /** "m:ss", or null when the format has no cheap header to read or the store does not answer. */
    String of(ReleaseFile track) {
        if (!track.contentType().equals("audio/flac") && !track.contentType().equals("audio/wav")) {
            return null;
        }
        Optional<Long> seconds = known.get(track.blobKey());
        if (seconds == null) {
            seconds = read(track);
            if (known.size() < MAX_REMEMBERED) {
                known.put(track.blobKey(), seconds);
            }
        }
        return seconds.map(AudioDuration::format).orElse(null);
    }

    private Optional<Long> read(ReleaseFile track) {
        if (track.size() <= 0) {
            return Optional.empty();
        }
        long last = Math.min(track.size(), AudioDuration.HEAD_BYTES) - 1;
        try (InputStream in = store.get(BlobKey.of(track.blobKey()), ByteRange.of(0, last))) {
            return AudioDuration.seconds(in.readNBytes(AudioDuration.HEAD_BYTES));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
