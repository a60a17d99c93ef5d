package gatefold.server.media;

import gatefold.server.catalog.ReleaseFile;
import gatefold.server.jobs.Jobs;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Queues what a release needs so no fan waits: a check of every master not yet checked,
 * and every derived file the release's tracks should have in their formats. Called after
 * every change (publishing, an edit, an upload, a check) and when a click finds a file not
 * made yet; queueing the same work twice makes one job, so calling it often costs little.
 */
public final class FormatPlanner {

    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final MediaWorkers workers;
    private final Jobs jobs;
    private final Predicate<String> hasBuyers;
    private final Previews previews;

    FormatPlanner(Jdbi jdbi, MediaCatalog media, MediaWorkers workers, Jobs jobs, Predicate<String> hasBuyers, Previews previews) {
        this.previews = previews;
        this.jdbi = jdbi;
        this.media = media;
        this.workers = workers;
        this.jobs = jobs;
        this.hasBuyers = hasBuyers;
    }

    /** Plans a release's media work: for published releases, and drafts someone already has. */
    public void refresh(String releaseId) {
        media.release(releaseId).ifPresent(this::plan);
    }

    void plan(ReleaseMedia release) {
        MediaWorkers.Capabilities can = workers.offered();
        if (can.absence().isPresent() || !release.release().kind().equals("music")) {
            return;
        }
        boolean wanted = release.release().isPublished() || hasBuyers.test(release.release().id());
        Set<String> made = made(release, can);
        for (ReleaseFile track : release.tracks()) {
            Optional<MediaCheck> check = release.check(track);
            if (check.isEmpty()) {
                jobs.enqueue(MediaJobs.CHECK, MediaJobs.checkKey(release.release().id(), track.id(), track.blobKey()),
                        CheckJob.payload(track.id(), track.blobKey()));
                continue;
            }
            if (!wanted || !check.get().ok()) {
                continue;
            }
            for (AudioFormat format : release.formats(track, can)) {
                release.key(track, format).filter(key -> !made.contains(key.hex())).ifPresent(key ->
                        jobs.enqueue(MediaJobs.DERIVE, MediaJobs.deriveKey(release.release().id(), key),
                                DeriveJob.payload(track.id(), format)));
            }
        }
        if (wanted) {
            previews.plan(release);
        }
    }

    /** The derived files of this release that exist already. */
    private Set<String> made(ReleaseMedia release, MediaWorkers.Capabilities can) {
        var keys = release.tracks().stream().flatMap(t -> release.formats(t, can).stream().map(f -> release.key(t, f)))
                .flatMap(Optional::stream).map(DerivedKey::hex).toList();
        return jdbi.withExtension(MediaDao.class, dao -> dao.derived(keys)).stream().map(DerivedFile::derivedKey)
                .collect(Collectors.toSet());
    }
}
