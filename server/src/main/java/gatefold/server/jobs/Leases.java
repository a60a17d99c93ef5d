package gatefold.server.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat of one instance: renews the lease of every job it runs, stops a handler
 * that ran past its kind's time limit or lost its job, and queues again the jobs whose
 * instance died (their lease ran out). One daemon thread.
 */
final class Leases implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);
    private static final String INSTANCE_LOST = "its instance stopped while running it";
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobSettings settings;
    private boolean failing; // only the timer thread touches it
    private final Set<JobRun> active = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "gatefold-jobs-heartbeat");
        t.setDaemon(true);
        return t;
    });

    Leases(Jdbi jdbi, Clock clock, JobSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
    }

    void start() {
        long every = settings.heartbeat().toMillis();
        timer.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    void track(JobRun run) {
        active.add(run);
        run.watchTimeout(timer.schedule(run::timeOut, run.kind().timeout().toMillis(), TimeUnit.MILLISECONDS));
    }

    void untrack(JobRun run) {
        run.stopWatching();
        active.remove(run);
    }

    private void beat() {
        try {
            jdbi.useHandle(h -> {
                JobDao dao = h.attach(JobDao.class);
                active.forEach(run -> run.renew(dao));
                Instant now = clock.instant();
                int taken = dao.failExpired(now, INSTANCE_LOST) + dao.requeueExpired(now, INSTANCE_LOST);
                if (taken > 0) {
                    LOG.warn("queued {} job(s) again whose instance stopped while running them", taken);
                }
            });
            failing = false;
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("job heartbeat: {}", e.getMessage());
                failing = true;
            }
            // Each run decides whether it must stop before its lease could run out.
            active.forEach(run -> run.cannotRenew(e));
        } catch (Error e) {
            LOG.error("job heartbeat: {}", e.toString());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
