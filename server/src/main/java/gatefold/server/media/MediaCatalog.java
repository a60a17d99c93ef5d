package gatefold.server.media;

import gatefold.server.accounts.Accounts;
import gatefold.server.accounts.Artist;
import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** Reads a release and everything its media work depends on, through the catalog and accounts. */
final class MediaCatalog {

    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Accounts accounts;
    private final URI publicUrl;

    MediaCatalog(Jdbi jdbi, Catalog catalog, Accounts accounts, URI publicUrl) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.accounts = accounts;
        this.publicUrl = publicUrl;
    }

    Catalog catalog() {
        return catalog;
    }

    Optional<ReleaseMedia> release(String releaseId) {
        return catalog.release(releaseId).flatMap(this::of);
    }

    Optional<ReleaseMedia> of(Release release) {
        Optional<Artist> artist = accounts.byId(release.artistId());
        if (artist.isEmpty()) {
            return Optional.empty();
        }
        List<ReleaseFile> files = catalog.files(release);
        Map<String, MediaCheck> checks = jdbi.withExtension(MediaDao.class, dao -> dao.checks(files.stream().map(ReleaseFile::id)
                .toList())).stream().collect(Collectors.toMap(MediaCheck::fileId, Function.identity(), (a, b) ->
                        a.checkedAt().isAfter(b.checkedAt()) ? a : b));
        String url = publicUrl + "/r/" + artist.get().slug() + "/" + release.slug();
        Optional<ReleaseFile> cover = files.stream().filter(f -> f.role().equals("cover") && f.sha256() != null).findFirst();
        return Optional.of(new ReleaseMedia(release, artist.get().name(), url, files, TrackTagging.tracks(files), cover, checks));
    }
}
