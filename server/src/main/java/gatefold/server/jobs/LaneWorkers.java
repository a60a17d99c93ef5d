package gatefold.server.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workers of one lane on this instance: a dispatcher thread that claims as many due
 * jobs as there are free workers, and a fixed pool that runs them. It claims again when a
 * job is enqueued here, when a worker frees up, and otherwise every poll interval.
 */
final class LaneWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(LaneWorkers.class);
    private final Lane lane;
    private final Map<String, Registration> kinds;
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobSettings settings;
    private final Leases leases;
    private final Supplier<String> owners;
    private final QueueParts parts;
    private final int size;
    private final Semaphore free;
    private final ExecutorService pool;
    private final Wakeup wakeup = new Wakeup();
    private final Set<JobRun> running = ConcurrentHashMap.newKeySet();
    private final Thread dispatcher;
    private volatile boolean claiming = true;
    private boolean failing;

    LaneWorkers(Lane lane, Map<String, Registration> kinds, QueueParts parts, Leases leases, Supplier<String> owners) {
        this.lane = lane;
        this.kinds = Map.copyOf(kinds);
        this.parts = parts;
        this.jdbi = parts.jdbi();
        this.clock = parts.clock();
        this.settings = parts.settings();
        this.leases = leases;
        this.owners = owners;
        this.size = settings.workers(lane);
        this.free = new Semaphore(size);
        String name = "gatefold-jobs-" + lane.name().toLowerCase();
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.dispatcher = new Thread(this::dispatch, name);
        dispatcher.setDaemon(true);
    }

    void start() {
        dispatcher.start();
    }

    Lane lane() {
        return lane;
    }

    int size() {
        return size;
    }

    void wake() {
        wakeup.signal();
    }

    private void dispatch() {
        while (claiming) {
            int slots = free.availablePermits();
            try {
                int claimed = slots == 0 ? 0 : claimAndStart(slots);
                if (slots > 0 && claimed == slots) {
                    continue; // every free worker got a job: there may be more waiting
                }
            } catch (RuntimeException | Error e) {
                // Never let the lane die quietly: log and try again after a pause.
                LOG.error("jobs ({} lane): {}", lane.name().toLowerCase(), e.toString());
            }
            try {
                wakeup.await(settings.poll());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int claimAndStart(int slots) {
        List<JobRun> runs;
        try {
            runs = claim(slots);
            if (failing) {
                LOG.info("jobs ({} lane): the database answers again", lane.name().toLowerCase());
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.warn("jobs ({} lane): cannot claim jobs, trying again: {}", lane.name().toLowerCase(), e.getMessage());
                failing = true;
            }
            return 0;
        }
        for (JobRun run : runs) {
            free.acquireUninterruptibly(); // never blocks: only this thread takes permits
            running.add(run);
            leases.track(run);
            pool.execute(() -> {
                try {
                    run.execute();
                } finally {
                    leases.untrack(run);
                    running.remove(run);
                    free.release();
                    wakeup.signal();
                }
            });
        }
        return runs.size();
    }

    /**
     * Locks due jobs with FOR UPDATE SKIP LOCKED (PostgreSQL and H2 2.x both have it), so
     * instances claiming at once take different jobs, then marks each as ours. The update
     * re-checks the state, so a claim is exactly-once even without the lock.
     */
    private List<JobRun> claim(int limit) {
        return jdbi.inTransaction(h -> {
            JobDao dao = h.attach(JobDao.class);
            Instant now = clock.instant();
            Instant leaseUntil = now.plus(settings.lease());
            List<JobRun> runs = new ArrayList<>();
            for (Job job : dao.lockDue(lane.name().toLowerCase(), kinds.keySet(), now, limit)) {
                String owner = owners.get();
                if (dao.claim(job.id(), owner, leaseUntil, now) == 1) {
                    runs.add(new JobRun(parts, job, owner, leaseUntil, kinds.get(job.kind())));
                }
            }
            return runs;
        });
    }

    /** No more claims; jobs already running carry on. */
    void stopClaiming() {
        claiming = false;
        // Not an interrupt: one during a claim's database write can hurt an embedded H2 file.
        wakeup.signal();
        try {
            dispatcher.join(settings.poll().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until no job of this lane runs here, or until {@code deadlineNanos}; true when idle. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        while (!running.isEmpty()) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    int running() {
        return running.size();
    }

    void giveBackRunning() {
        running.forEach(JobRun::giveBack);
    }

    void shutdown() {
        pool.shutdownNow();
    }
}
