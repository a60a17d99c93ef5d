package gatefold.server.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claimed run of a job: the context its handler sees, and the recording of how it
 * ended. {@code owner} is this claim's own token, so a late runner's writes match nothing.
 */
final class JobRun implements JobContext {

    private static final Logger LOG = LoggerFactory.getLogger(JobRun.class);
    static final int MAX_EFFECT_KEY = 400;
    private final Jdbi jdbi;
    private final Clock clock;
    private final JobSettings settings;
    private final Job job;
    private final String owner;
    private final int attempt;
    private final JobKind kind;
    private final JobHandler handler;
    private final JobObserver observer;
    private volatile Instant leaseUntil;
    private volatile boolean lost;
    private volatile boolean timedOut;
    private volatile boolean givenBack;
    private volatile boolean ended; // the handler returned; the heartbeat leaves this run alone
    private volatile ScheduledFuture<?> timeoutTimer;
    private Thread thread; // while the handler runs; guarded by this
    private long lastProgressNanos;

    JobRun(QueueParts parts, Job claimed, String owner, Instant leaseUntil, Registration registration) {
        this.jdbi = parts.jdbi();
        this.clock = parts.clock();
        this.settings = parts.settings();
        this.job = claimed;
        this.owner = owner;
        this.attempt = claimed.attempts() + 1;
        this.leaseUntil = leaseUntil;
        this.kind = registration.kind();
        this.handler = registration.handler();
        this.observer = parts.observer();
        this.lastProgressNanos = System.nanoTime() - settings.progressEvery().toNanos();
    }

    JobKind kind() {
        return kind;
    }

    /** Runs the handler on this thread and records how it ended. */
    void execute() {
        synchronized (this) {
            thread = Thread.currentThread();
        }
        long started = System.nanoTime();
        JobResult result = null;
        Throwable error = null;
        try {
            if (lost) {
                throw new LeaseLost(job.id()); // lost between the claim and the start: do not begin
            }
            result = handler.run(this);
            if (result == null) {
                result = JobResult.done();
            }
        } catch (Throwable e) {
            error = e;
        } finally {
            synchronized (this) {
                thread = null;
                ended = true;
            }
            Thread.interrupted(); // an interrupt meant for this handler must not reach the next one
        }
        JobObserver.Ending ending = settle(result, error);
        try {
            observer.ended(kind, ending, Duration.ofNanos(System.nanoTime() - started));
        } catch (RuntimeException e) {
            LOG.debug("job observer failed: {}", e.toString());
        }
    }

    synchronized void interrupt() {
        if (thread != null) {
            thread.interrupt();
        }
    }

    synchronized void timeOut() {
        if (thread != null) {
            timedOut = true;
            thread.interrupt();
        }
    }

    void loseLease() {
        lost = true;
        interrupt();
    }

    /** At shutdown after the grace period: stop, and if the handler stops unfinished, queue the job again at once. */
    void giveBack() {
        givenBack = true;
        interrupt();
    }

    void watchTimeout(ScheduledFuture<?> timer) {
        this.timeoutTimer = timer;
    }

    void stopWatching() {
        ScheduledFuture<?> timer = timeoutTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    /** The heartbeat: extends the lease, or stops the handler when this run no longer holds the job. */
    void renew(JobDao dao) {
        if (ended) {
            return;
        }
        Instant until = clock.instant().plus(settings.lease());
        try {
            if (dao.renew(job.id(), owner, until) == 1) {
                leaseUntil = until;
            } else if (!ended) {
                LOG.warn("job {} ({}) was taken over by another instance; stopping it here", job.id(), kind.name());
                loseLease();
            }
        } catch (RuntimeException e) {
            cannotRenew(e);
        }
    }

    /** Without the database we cannot tell; stop before the lease can run out, so two runs never overlap. */
    void cannotRenew(RuntimeException e) {
        if (!ended && !clock.instant().plus(settings.heartbeat()).isBefore(leaseUntil)) {
            LOG.warn("job {} ({}): lease could not be renewed ({}); stopping it here", job.id(), kind.name(), e.getMessage());
            loseLease();
        }
    }

    private JobObserver.Ending settle(JobResult result, Throwable error) {
        try {
            JobObserver.Ending ending = jdbi.withExtension(JobDao.class, dao -> write(dao, result, error, clock.instant()));
            if (ending == JobObserver.Ending.LOST) {
                LOG.info("job {} ({}) ended here after another instance took it over; its outcome here is dropped",
                        job.id(), kind.name());
            }
            return ending;
        } catch (RuntimeException e) {
            LOG.warn("job {} ({}): could not record how it ended ({}); it runs again after its lease", job.id(), kind.name(),
                    e.getMessage());
            return JobObserver.Ending.LOST;
        }
    }

    private JobObserver.Ending write(JobDao dao, JobResult result, Throwable error, Instant now) {
        boolean ok = error == null && result.outcome() == JobResult.Outcome.DONE;
        if (givenBack && !ok) {
            return counted(dao.release(job.id(), owner, now), JobObserver.Ending.GIVEN_BACK);
        }
        if (ok) {
            return counted(job.periodic()
                    ? dao.settle(job.id(), owner, JobState.QUEUED, now.plusMillis(job.repeatEveryMs()), 0, null, null, now)
                    : dao.settle(job.id(), owner, JobState.DONE, job.runAt(), attempt, null, 1.0, now), JobObserver.Ending.DONE);
        }
        if (error instanceof LeaseLost || lost) {
            return JobObserver.Ending.LOST; // another run decides; if none took it yet, the lease runs out and it is queued again
        }
        String reason = JobFailures.reason(kind, timedOut, result, error);
        boolean last = error == null && result.outcome() == JobResult.Outcome.FAILED || attempt >= job.maxAttempts();
        JobFailures.log("job " + job.id() + " (" + kind.name() + ") attempt " + attempt, timedOut, reason, error, last);
        if (last) {
            return counted(job.periodic()
                    ? dao.settle(job.id(), owner, JobState.QUEUED, now.plusMillis(job.repeatEveryMs()), 0, reason, null, now)
                    : dao.settle(job.id(), owner, JobState.FAILED, job.runAt(), attempt, reason, null, now), JobObserver.Ending.FAILED);
        }
        Duration pause = result != null && result.retryIn() != null ? result.retryIn() : kind.backoff(attempt);
        return counted(dao.settle(job.id(), owner, JobState.QUEUED, now.plus(pause), attempt, reason, null, null), JobObserver.Ending.RETRY);
    }

    private static JobObserver.Ending counted(int rows, JobObserver.Ending ending) {
        return rows == 1 ? ending : JobObserver.Ending.LOST;
    }

    @Override
    public String jobId() {
        return job.id();
    }

    @Override
    public String key() {
        return job.key();
    }

    @Override
    public String payload() {
        return job.payload();
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public void progress(double fraction) {
        long now = System.nanoTime();
        if (now - lastProgressNanos < settings.progressEvery().toNanos()) {
            return;
        }
        lastProgressNanos = now;
        double clamped = Math.max(0, Math.min(1, fraction));
        try {
            jdbi.useExtension(JobDao.class, dao -> dao.progress(job.id(), owner, clamped));
        } catch (RuntimeException e) {
            LOG.debug("job {}: progress not recorded: {}", job.id(), e.getMessage());
        }
    }

    @Override
    public boolean stillOwned() {
        if (lost) {
            return false;
        }
        try {
            return jdbi.withExtension(JobDao.class, dao -> dao.owned(job.id(), owner)) == 1;
        } catch (RuntimeException e) {
            return false; // cannot confirm: the careful answer
        }
    }

    @Override
    public boolean once(String effectKey, Effect effect) throws Exception {
        if (effectKey.isEmpty() || effectKey.length() > MAX_EFFECT_KEY) {
            throw new IllegalArgumentException("an effect key is 1 to " + MAX_EFFECT_KEY + " characters");
        }
        if (lost) {
            throw new LeaseLost(job.id());
        }
        // Renewing the lease in the same transaction proves this run holds the job and locks its row meanwhile.
        Boolean fresh = jdbi.inTransaction(h -> {
            JobDao dao = h.attach(JobDao.class);
            Instant until = clock.instant().plus(settings.lease());
            if (dao.renew(job.id(), owner, until) != 1) {
                return null;
            }
            leaseUntil = until;
            if (dao.effectRecorded(job.id(), effectKey) > 0) {
                return false;
            }
            dao.recordEffect(job.id(), effectKey, clock.instant());
            return true;
        });
        if (fresh == null) {
            lost = true;
            throw new LeaseLost(job.id());
        }
        if (!fresh) {
            return false;
        }
        try {
            effect.run();
            return true;
        } catch (NotSent e) {
            jdbi.useTransaction(h -> {
                JobDao dao = h.attach(JobDao.class);
                if (dao.renew(job.id(), owner, clock.instant().plus(settings.lease())) == 1) {
                    dao.forgetEffect(job.id(), effectKey);
                }
            });
            throw e;
        }
    }
}
