package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.jobs.Jobs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;
import org.jdbi.v3.core.Jdbi;

/**
 * Which packaged stream a film release plays now, and the planning that makes it: the film's
 * master (its first {@code master} file) keyed with the packaging recipe, so a replaced master
 * gets a new package and the old one is never played for it.
 */
public final class FilmStreams {

    /** Part of every stream key; bump it when the ladder or the packaging changes. */
    static final int RECIPE_VERSION = 1;
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Jobs jobs;
    private final Predicate<String> hasBuyers;
    private volatile boolean packaging = true;

    FilmStreams(Jdbi jdbi, Catalog catalog, Jobs jobs, Predicate<String> hasBuyers) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.jobs = jobs;
        this.hasBuyers = hasBuyers;
    }

    /** Without ffmpeg nothing is queued, and films are offered as downloads only. */
    void packagingAvailable(boolean available) {
        packaging = available;
    }

    /** The film's master: the release's first master file whose checksum is known. */
    Optional<ReleaseFile> master(Release release) {
        if (!release.kind().equals("film")) {
            return Optional.empty();
        }
        return catalog.files(release).stream().filter(f -> f.role().equals("master") && f.sha256() != null).findFirst();
    }

    static String key(ReleaseFile master) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(("gatefold-film-hls-" + RECIPE_VERSION + ":" + master.sha256()).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The packaged stream of the release's master as it is now; empty until it is made. */
    public Optional<FilmStream> current(Release release) {
        return master(release).flatMap(m -> jdbi.withExtension(WatchDao.class, dao -> dao.stream(key(m))));
    }

    Optional<FilmStream> stream(String streamKey) {
        return jdbi.withExtension(WatchDao.class, dao -> dao.stream(streamKey));
    }

    /** The stream of a release fans can see (not a draft), for its public trailer. */
    public Optional<FilmStream> published(String releaseId) {
        return catalog.release(releaseId).filter(Release::isOut).flatMap(this::current);
    }

    public Optional<FilmStream> current(String releaseId) {
        return catalog.release(releaseId).flatMap(this::current);
    }

    /** The packaging job of the release's current master, while there is no stream for it (queued, running, or failed). */
    public Optional<gatefold.server.jobs.Job> packaging(Release release) {
        return master(release).filter(m -> current(release).isEmpty())
                .flatMap(m -> jobs.byKeyPrefix(release.id() + "/" + key(m)).stream().findFirst());
    }

    /** After any change to a release: queue the package of a film that is out (or sold) and has none. */
    public void refresh(String releaseId) {
        Optional<Release> release = catalog.release(releaseId);
        if (!packaging || release.isEmpty() || !(release.get().isPublished() || hasBuyers.test(releaseId))) {
            return;
        }
        master(release.get()).filter(m -> current(release.get()).isEmpty()).ifPresent(m ->
                jobs.enqueue(PackageJob.KIND, releaseId + "/" + key(m), PackageJob.payload(m.id())));
    }
}
