package gatefold.server.media;

import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The tags a track's files carry, from the release as it is now: title, artist, album,
 * track number among the release's tracks, year, genre, credits, the copyright line with
 * the licence, and the release's address. One function, used both to plan which files to
 * make and to find the one to serve, so the two always agree.
 */
final class TrackTagging {

    private static final Map<String, String> LICENCES = Map.of(
            "all-rights-reserved", "All rights reserved",
            "cc0", "CC0 1.0",
            "cc-by", "CC BY 4.0",
            "cc-by-sa", "CC BY-SA 4.0",
            "cc-by-nd", "CC BY-ND 4.0",
            "cc-by-nc", "CC BY-NC 4.0",
            "cc-by-nc-sa", "CC BY-NC-SA 4.0",
            "cc-by-nc-nd", "CC BY-NC-ND 4.0");

    private TrackTagging() {
    }

    /** The release's tracks in their order. */
    static List<ReleaseFile> tracks(List<ReleaseFile> files) {
        return files.stream().filter(f -> f.role().equals("track"))
                .sorted(Comparator.comparingInt(ReleaseFile::position).thenComparing(ReleaseFile::createdAt)).toList();
    }

    static TrackTags of(Release release, String artistName, List<ReleaseFile> tracks, ReleaseFile track, String releaseUrl) {
        int number = tracks.indexOf(track) + 1;
        int year = release.releaseDate() != null ? release.releaseDate().getYear()
                : release.createdAt().atZone(ZoneOffset.UTC).getYear();
        String copyright = "℗ " + year + " " + artistName + ", " + LICENCES.getOrDefault(release.licence(), release.licence());
        return new TrackTags(track.trackTitle(), artistName, release.title(), artistName, Math.max(number, 0), tracks.size(),
                1, 1, year, release.genre() == null ? "" : release.genre(), "", release.credits() == null ? "" : release.credits(),
                copyright, releaseUrl);
    }
}
