package gatefold.server.media;

import gatefold.server.jobs.JobContext;
import gatefold.server.jobs.JobHandler;
import gatefold.server.jobs.JobResult;
import gatefold.storage.BlobKey;
import gatefold.storage.BlobStore;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * Deletes derived files nothing wants any more: made for metadata that has since changed,
 * a format the artist left out, or a release that is gone. Only files older than a day, so
 * a fan in the middle of a download of one that was just replaced can finish.
 */
final class SweepJob implements JobHandler {

    static final Duration GRACE = Duration.ofDays(1);
    private final Jdbi jdbi;
    private final MediaCatalog media;
    private final MediaWorkers workers;
    private final BlobStore store;
    private final Clock clock;
    private final Previews previews;

    SweepJob(Jdbi jdbi, MediaCatalog media, MediaWorkers workers, BlobStore store, Clock clock, Previews previews) {
        this.previews = previews;
        this.jdbi = jdbi;
        this.media = media;
        this.workers = workers;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public JobResult run(JobContext ctx) {
        List<DerivedFile> old = jdbi.withExtension(MediaDao.class, dao -> dao.derivedBefore(clock.instant().minus(GRACE)));
        Map<String, Set<String>> wanted = new HashMap<>();
        MediaWorkers.Capabilities can = workers.offered();
        for (DerivedFile file : old) {
            Set<String> keys = wanted.computeIfAbsent(file.releaseId(), id -> wantedKeys(id, can));
            if (!keys.contains(file.derivedKey())) {
                forget(file);
            }
        }
        return JobResult.done();
    }

    /** Every derived key the release's tracks have now, in every format they are offered in, and their previews. */
    private Set<String> wantedKeys(String releaseId, MediaWorkers.Capabilities can) {
        Optional<ReleaseMedia> release = media.release(releaseId);
        if (release.isEmpty()) {
            return Set.of();
        }
        Set<String> keys = release.get().tracks().stream()
                .flatMap(t -> release.get().formats(t, can).stream().map(f -> release.get().key(t, f)))
                .flatMap(Optional::stream).map(DerivedKey::hex).collect(Collectors.toSet());
        keys.addAll(previews.wantedKeys(release.get()));
        return keys;
    }

    private void forget(DerivedFile file) {
        boolean lastUse = jdbi.inTransaction(h -> {
            MediaDao dao = h.attach(MediaDao.class);
            return dao.deleteDerived(file.derivedKey()) == 1 && dao.derivedBlobReferences(file.blobKey()) == 0;
        });
        if (lastUse) {
            store.delete(BlobKey.of(file.blobKey()));
        }
    }
}
