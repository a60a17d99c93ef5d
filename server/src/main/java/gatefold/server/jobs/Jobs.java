package gatefold.server.jobs;

import gatefold.server.common.Ids;
import gatefold.server.db.Sql;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job queue: enqueue work, see how it is going, and run the lanes this instance's role
 * allows. Every instance can enqueue and read status; only a started one runs jobs.
 */
public final class Jobs implements AutoCloseable {

    /** Deletes finished jobs older than the retention period, hourly, on whichever instance runs upkeep. */
    public static final JobKind PURGE = JobKind.of("jobs.purge", Lane.UPKEEP).withMaxAttempts(3);
    static final String PERIODIC_KEY = "every";
    private static final int MAX_KEY = 400;
    private static final int MAX_PAYLOAD = 4000;
    private static final String SAVEPOINT = "gatefold_enqueue";
    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobSettings settings;
    private final Map<String, Registration> handlers = new ConcurrentHashMap<>();
    private volatile Workers workers;
    private volatile JobObserver observer = JobObserver.NONE;
    private volatile boolean started;

    public Jobs(Jdbi jdbi, Clock clock, JobSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.settings = settings;
    }

    public JobSettings settings() {
        return settings;
    }

    /** Says how this instance runs one kind; call before {@link #start}. */
    public void register(JobKind kind, JobHandler handler) {
        if (started) {
            throw new IllegalStateException("register job kinds before the workers start");
        }
        if (handlers.putIfAbsent(kind.name(), new Registration(kind, handler)) != null) {
            throw new IllegalStateException("job kind " + kind.name() + " has a handler already");
        }
    }

    /** Tells {@code observer} how each run here ended (metrics); call before {@link #start}. */
    public void observe(JobObserver observer) {
        this.observer = observer;
    }

    public String enqueue(JobKind kind, String key, String payload) {
        return enqueue(kind, key, payload, clock.instant());
    }

    /**
     * Adds a job to run at {@code runAt} (or as soon as a worker is free), unless a job of
     * this kind and key exists: then nothing changes and its id is returned, whatever its state.
     */
    public String enqueue(JobKind kind, String key, String payload, Instant runAt) {
        String id = jdbi.withHandle(h -> insertOrFind(h, kind, key, payload, runAt, null).id());
        wake(kind.lane());
        return id;
    }

    /** The same inside the caller's transaction: the job exists only if that transaction commits. */
    public String enqueue(Handle transaction, JobKind kind, String key, String payload, Instant runAt) {
        String id = insertOrFind(transaction, kind, key, payload, runAt, null).id();
        if (transaction.isInTransaction()) {
            transaction.afterCommit(() -> wake(kind.lane()));
        } else {
            wake(kind.lane());
        }
        return id;
    }

    /**
     * Like {@link #enqueue}, but a finished (done or failed) job of this key starts afresh with
     * this payload and all its attempts; one queued or running is left as it is.
     */
    public String enqueueAgain(JobKind kind, String key, String payload, Instant runAt) {
        String id = jdbi.withHandle(h -> {
            Found found = insertOrFind(h, kind, key, payload, runAt, null);
            if (found.existing() != null && found.existing().state().finished()) {
                h.attach(JobDao.class).requeueFinished(found.id(), payload, runAt, kind.maxAttempts());
            }
            return found.id();
        });
        wake(kind.lane());
        return id;
    }

    /**
     * Keeps one job of this kind that runs every {@code period} (the first run at once),
     * however many instances call this: each start may call it.
     */
    public String every(JobKind kind, Duration period) {
        long ms = period.toMillis();
        String id = jdbi.withHandle(h -> {
            Found found = insertOrFind(h, kind, PERIODIC_KEY, "{}", clock.instant(), ms);
            Job existing = found.existing();
            if (existing != null && !Long.valueOf(ms).equals(existing.repeatEveryMs())) {
                h.attach(JobDao.class).repeatEvery(found.id(), ms);
            }
            if (existing != null && existing.state().finished()) {
                h.attach(JobDao.class).requeueFinished(found.id(), "{}", clock.instant(), kind.maxAttempts());
            }
            return found.id();
        });
        wake(kind.lane());
        return id;
    }

    /** The artist's "try again": a failed job is queued with all its attempts; false if it is not failed. */
    public boolean retry(String jobId) {
        boolean queued = jdbi.withExtension(JobDao.class, dao -> dao.retry(jobId, clock.instant())) == 1;
        if (queued) {
            find(jobId).ifPresent(job -> wake(job.lane()));
        }
        return queued;
    }

    public Optional<Job> find(String jobId) {
        return jdbi.withExtension(JobDao.class, dao -> dao.find(jobId));
    }

    /** Every job whose key starts with {@code prefix} (all derived files of a release, say), by key. */
    public List<Job> byKeyPrefix(String prefix) {
        String pattern = prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
        return jdbi.withExtension(JobDao.class, dao -> dao.byKeyPattern(pattern));
    }

    /** Jobs per lane and state; queued ones are the queue depth. */
    public List<LaneCount> counts() {
        return jdbi.withExtension(JobDao.class, JobDao::counts);
    }

    /** Jobs per kind and state, with how late the longest-waiting queued one is (one query, for metrics). */
    public List<KindCount> countsByKind() {
        return jdbi.withExtension(JobDao.class, dao -> dao.countsByKind(clock.instant()));
    }

    /** Deletes jobs finished before the retention period (and their effect records); returns how many. */
    public int purge() {
        return jdbi.withExtension(JobDao.class, dao -> dao.purge(clock.instant().minus(settings.retention())));
    }

    private record Found(String id, Job existing) {
    }

    private Found insertOrFind(Handle h, JobKind kind, String key, String payload, Instant runAt, Long everyMs) {
        check(key, payload);
        JobDao dao = h.attach(JobDao.class);
        for (int tries = 0; tries < 20; tries++) {
            String id = Ids.ordered("job");
            boolean savepoint = h.isInTransaction();
            if (savepoint) {
                h.savepoint(SAVEPOINT); // on PostgreSQL a failed insert would otherwise spoil the caller's transaction
            }
            try {
                dao.insert(id, kind.name(), key, kind.lane().name().toLowerCase(), payload, runAt, kind.maxAttempts(), everyMs,
                        clock.instant());
                if (savepoint) {
                    h.releaseSavepoint(SAVEPOINT);
                }
                return new Found(id, null);
            } catch (UnableToExecuteStatementException e) {
                if (!Sql.isUniqueViolation(e)) {
                    throw e;
                }
                if (savepoint) {
                    h.rollbackToSavepoint(SAVEPOINT);
                }
            }
            Optional<Job> existing = dao.byKey(kind.name(), key);
            if (existing.isPresent()) {
                return new Found(existing.get().id(), existing.get());
            }
            // The other job went between our insert and our look (purged, or its transaction rolled back): again.
        }
        throw new IllegalStateException("could not enqueue " + kind.name() + " " + key);
    }

    private static void check(String key, String payload) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw new IllegalArgumentException("a job key is 1 to " + MAX_KEY + " characters");
        }
        if (payload == null || payload.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a job payload is a small JSON text, at most " + MAX_PAYLOAD + " characters");
        }
    }

    private void wake(Lane lane) {
        Workers running = workers;
        if (running != null) {
            running.wake(lane);
        }
    }

    /**
     * Starts workers for these lanes (a web-only instance passes none, or only light ones).
     * With {@link Lane#UPKEEP} it also keeps the hourly {@link #PURGE} of old jobs scheduled.
     */
    public synchronized Jobs start(Set<Lane> run) {
        if (started) {
            throw new IllegalStateException("the job workers are started already");
        }
        if (run.contains(Lane.UPKEEP) && !handlers.containsKey(PURGE.name())) {
            register(PURGE, ctx -> {
                int purged = purge();
                if (purged > 0) {
                    LOG.info("jobs: purged {} finished job(s) older than {} days", purged, settings.retention().toDays());
                }
                return JobResult.done();
            });
        }
        started = true;
        workers = Workers.start(run, handlers.values(), jdbi, clock, settings, observer);
        if (workers.lanes().contains(Lane.UPKEEP)) {
            every(PURGE, Duration.ofHours(1));
        }
        return this;
    }

    /** The lanes this instance runs jobs of (empty until started). */
    public Set<Lane> lanes() {
        Workers running = workers;
        return running == null ? Set.of() : running.lanes();
    }

    /** How many jobs run on this instance right now. */
    public int runningHere() {
        Workers running = workers;
        return running == null ? 0 : running.running();
    }

    /** Stops claiming; running jobs get {@code grace} to finish, then go back to the queue for another instance. */
    public synchronized void stop(Duration grace) {
        Workers running = workers;
        if (running != null) {
            workers = null;
            running.stop(grace);
        }
    }

    /** {@link #stop} with the configured grace period. */
    @Override
    public void close() {
        stop(settings.stopGrace());
    }
}
