package gatefold.server.media;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A release as its media work sees it: the release, its artist's name and address, its
 * tracks in order, its cover, and what checking each master found. Everything a derived
 * file's key depends on is here, so planning and serving compute the same keys.
 */
record ReleaseMedia(Release release, String artistName, String releaseUrl, List<ReleaseFile> files, List<ReleaseFile> tracks,
                    Optional<ReleaseFile> cover, Map<String, MediaCheck> checks) {

    Optional<ReleaseFile> track(String fileId) {
        return tracks.stream().filter(t -> t.id().equals(fileId)).findFirst();
    }

    /** The check of a file's current bytes, if done. */
    Optional<MediaCheck> check(ReleaseFile file) {
        return Optional.ofNullable(checks.get(file.id())).filter(c -> c.blobKey().equals(file.blobKey()));
    }

    TrackTags tags(ReleaseFile track) {
        return TrackTagging.of(release, artistName, tracks, track, releaseUrl);
    }

    /** The formats fans get of this track now. */
    List<AudioFormat> formats(ReleaseFile track, MediaWorkers.Capabilities workers) {
        return FormatChoice.forTrack(release, check(track).orElse(null), workers);
    }

    /**
     * The key of the track's file in a format: empty while the master's checksum is not
     * known yet (a resumable upload being verified) or for the original, which is not derived.
     */
    Optional<DerivedKey> key(ReleaseFile track, AudioFormat format) {
        if (format.isOriginal() || track.sha256() == null) {
            return Optional.empty();
        }
        return Optional.of(DerivedKey.of(track.sha256(), format, tags(track), cover.map(ReleaseFile::sha256)));
    }
}
