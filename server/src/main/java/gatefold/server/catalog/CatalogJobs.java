package gatefold.server.catalog;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the verifier every few seconds and the janitor every few minutes, on one daemon thread. */
public final class CatalogJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatalogJobs.class);
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatefold-catalog-jobs");
        t.setDaemon(true);
        return t;
    });

    private final FileVerifier verifier;
    private final UploadJanitor janitor;

    public CatalogJobs(FileVerifier verifier, UploadJanitor janitor, Duration verifyEvery, Duration sweepEvery) {
        this.verifier = verifier;
        this.janitor = janitor;
        executor.scheduleWithFixedDelay(guard(verifier::runOnce), verifyEvery.toMillis(), verifyEvery.toMillis(), TimeUnit.MILLISECONDS);
        // The first sweep waits as long as the first check, so neither competes with the server's own start.
        executor.scheduleWithFixedDelay(guard(() -> janitor.runOnce(Instant.now())), verifyEvery.toMillis(), sweepEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static Runnable guard(Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("background job failed; it will run again: {}", e.getMessage());
            }
        };
    }

    public FileVerifier verifier() {
        return verifier;
    }

    public UploadJanitor janitor() {
        return janitor;
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
