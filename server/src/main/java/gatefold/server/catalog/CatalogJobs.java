package gatefold.server.catalog;

import gatefold.server.jobs.JobKind;
import gatefold.server.jobs.JobResult;
import gatefold.server.jobs.Jobs;
import gatefold.server.jobs.Lane;
import java.time.Duration;
import java.time.Instant;

/**
 * The catalog's background work on the job queue: the verifier (checksums of files whose bytes
 * went straight to the store) every few seconds and the upload janitor every few minutes, each
 * one recurring job, so one instance at a time runs it and a killed run is taken up by another.
 */
public final class CatalogJobs {

    /** Reads unverified files; a 50 GB master read from a slow store takes a while, hence the long limit. */
    public static final JobKind VERIFY = JobKind.of("catalog.verify", Lane.UPKEEP).withTimeout(Duration.ofHours(6))
            .withMaxAttempts(3).withRetries(Duration.ofSeconds(5), Duration.ofMinutes(1));
    /** Aborts abandoned uploads, drops stale quota holds and orphaned store uploads, removes dead writers' files. */
    public static final JobKind JANITOR = JobKind.of("catalog.janitor", Lane.UPKEEP).withTimeout(Duration.ofMinutes(30))
            .withMaxAttempts(3);

    private final FileVerifier verifier;
    private final UploadJanitor janitor;

    public CatalogJobs(FileVerifier verifier, UploadJanitor janitor) {
        this.verifier = verifier;
        this.janitor = janitor;
    }

    /** Says how this instance runs both kinds (every instance may; only those whose role runs jobs take them). */
    public CatalogJobs register(Jobs jobs) {
        jobs.register(VERIFY, ctx -> {
            verifier.runOnce(ctx::stillOwned);
            return JobResult.done();
        });
        jobs.register(JANITOR, ctx -> {
            janitor.runOnce(Instant.now());
            return JobResult.done();
        });
        return this;
    }

    /** Keeps both recurring; any instance that runs background work may call this at start. */
    public void schedule(Jobs jobs, Duration verifyEvery, Duration sweepEvery) {
        jobs.every(VERIFY, verifyEvery);
        jobs.every(JANITOR, sweepEvery);
    }

    public FileVerifier verifier() {
        return verifier;
    }

    public UploadJanitor janitor() {
        return janitor;
    }
}
