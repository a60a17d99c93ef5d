package gatefold.server.watch;

import gatefold.server.catalog.Catalog;
import gatefold.server.catalog.Release;
import gatefold.server.catalog.ReleaseFile;
import gatefold.server.common.Refusal;
import gatefold.server.jobs.Job;
import gatefold.server.jobs.Jobs;
import gatefold.storage.BlobKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The public trailer of each film: the artist's choice (a clip, or an uploaded file) once it is
 * made, else the default clip made with the stream. A chosen trailer is keyed by its source's
 * bytes and the choice, so a new master or a new choice makes a new one and a stale one is never shown.
 */
public final class FilmTrailers {

    private static final int RECIPE_VERSION = 1;
    private final Jdbi jdbi;
    private final Catalog catalog;
    private final Jobs jobs;
    private final FilmStreams streams;
    private final Clock clock;
    private volatile boolean making = true;

    FilmTrailers(Jdbi jdbi, Catalog catalog, Jobs jobs, FilmStreams streams, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.jobs = jobs;
        this.streams = streams;
        this.clock = clock;
    }

    void makingAvailable(boolean available) {
        making = available;
    }

    public Optional<TrailerChoice> choice(String releaseId) {
        return jdbi.withExtension(WatchDao.class, dao -> dao.trailerChoice(releaseId));
    }

    /** Records the artist's choice (empty: back to the default clip) and queues the trailer's making. */
    public Optional<TrailerChoice> choose(Release owned, Optional<TrailerChoice> asked) {
        Optional<TrailerChoice> choice = asked.map(c -> c.withUpdatedAt(clock.instant()));
        choice.filter(c -> !c.isClip()).ifPresent(c -> source(owned, c).orElseThrow(() ->
                Refusal.invalid("A trailer file must be one of this film's video files ('fileId').")));
        jdbi.useTransaction(h -> {
            WatchDao dao = h.attach(WatchDao.class);
            dao.deleteTrailerChoice(owned.id());
            choice.ifPresent(dao::insertTrailerChoice);
        });
        refresh(owned.id());
        return choice;
    }

    /** What the chosen trailer is made from: the chosen video file, or the film's master for a clip. */
    Optional<ReleaseFile> source(Release release, TrailerChoice choice) {
        if (choice.isClip()) {
            return streams.master(release);
        }
        return catalog.files(release).stream().filter(f -> f.id().equals(choice.fileId()) && f.sha256() != null
                && f.contentType().startsWith("video/")).findFirst();
    }

    /** The key of the trailer the release's choice asks for now; empty without a choice or a source. */
    Optional<String> key(Release release) {
        Optional<TrailerChoice> choice = choice(release.id());
        return choice.flatMap(c -> source(release, c).map(f -> key(f, c)));
    }

    static String key(ReleaseFile source, TrailerChoice choice) {
        String recipe = "gatefold-film-trailer-" + RECIPE_VERSION + ":" + source.sha256() + ":"
                + (choice.isClip() ? choice.startMs() + ":" + choice.lengthMs() : "file");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recipe.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The chosen trailer, once made. */
    public Optional<MadeTrailer> made(Release release) {
        return key(release).flatMap(k -> jdbi.withExtension(WatchDao.class, dao -> dao.trailer(k)));
    }

    /** The job making the chosen trailer, while it is not made (queued, running, or failed with the reason). */
    public Optional<Job> making(Release release) {
        return key(release).filter(k -> made(release).isEmpty())
                .flatMap(k -> jobs.byKeyPrefix(release.id() + "/" + k).stream().findFirst());
    }

    /** The trailer a visitor of a release that is out sees: the chosen one once made, else the default clip. */
    public Optional<BlobKey> shown(String releaseId) {
        Optional<Release> release = catalog.release(releaseId).filter(Release::isOut);
        Optional<BlobKey> chosen = release.flatMap(this::made).map(t -> BlobKey.of(t.blobKey()));
        if (chosen.isPresent()) {
            return chosen;
        }
        return release.flatMap(streams::current).filter(FilmStream::trailer).map(s -> BlobKey.of(s.blobKey(FilmStream.TRAILER)));
    }

    /** The release page's trailer URL, when there is a trailer to show. */
    public Optional<String> url(String releaseId) {
        return shown(releaseId).map(k -> "/trailer/" + releaseId);
    }

    /** After any change to a release: queue the chosen trailer when it is not made. */
    public void refresh(String releaseId) {
        if (!making) {
            return;
        }
        catalog.release(releaseId).ifPresent(release -> key(release).filter(k -> made(release).isEmpty())
                .ifPresent(k -> jobs.enqueue(TrailerJob.KIND, releaseId + "/" + k, "{}"))); // now by the queue's clock, not ours
    }
}
