package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gatefold.server.common.Refusal;
import gatefold.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The queue's promises, with two (or three) instances on one database. Subclasses say
 * which database: H2 here, PostgreSQL with {@code SharedDatabase.postgres()}.
 */
abstract class JobQueueContract {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final JobKind MEDIA = JobKind.of("test.media", Lane.MEDIA);
    static final JobKind MAIL = JobKind.of("test.mail-one", Lane.MAIL);
    static final JobKind HOOK = JobKind.of("test.hook", Lane.WEBHOOKS);
    static final JobKind UPKEEP = JobKind.of("test.upkeep", Lane.UPKEEP);

    /** A fresh migrated database for one test. */
    protected abstract SharedDatabase newSharedDatabase();

    SharedDatabase shared;
    Database main;
    private final List<Jobs> queues = new ArrayList<>();
    private final List<Database> pools = new ArrayList<>();
    private final List<WorkerProcess> children = new ArrayList<>();
    final CountDownLatch endOfTest = new CountDownLatch(1);

    @BeforeEach
    void openDatabase() {
        shared = newSharedDatabase();
        main = open();
        main.jdbi().useHandle(h -> {
            h.execute("CREATE TABLE test_runs (job_key VARCHAR(400) NOT NULL, instance VARCHAR(40) NOT NULL)");
            h.execute("CREATE TABLE test_sent (recipient VARCHAR(40) NOT NULL, instance VARCHAR(40) NOT NULL)");
        });
    }

    @AfterEach
    void closeEverything() throws Exception {
        endOfTest.countDown();
        for (WorkerProcess child : children) {
            child.close();
        }
        queues.forEach(q -> q.stop(Duration.ofSeconds(1)));
        Collections.reverse(pools);
        pools.forEach(Database::close);
        shared.close();
    }

    Database open() {
        Database db = shared.open();
        pools.add(db);
        return db;
    }

    static JobSettings settings(String instance) {
        return JobSettings.defaults().withInstance(instance).withPoll(Duration.ofMillis(50))
                .withLease(Duration.ofSeconds(2), Duration.ofMillis(300)).withStopGrace(Duration.ofSeconds(1))
                .withWorkers(Lane.MEDIA, 2);
    }

    /** A queue instance with its own connection pool, not started. */
    Jobs queue(String instance, Clock clock, UnaryOperator<JobSettings> tweak) {
        Jobs jobs = new Jobs(open().jdbi(), clock, tweak.apply(settings(instance)));
        queues.add(jobs);
        return jobs;
    }

    Jobs queue(String instance) {
        return queue(instance, Clock.systemUTC(), s -> s);
    }

    WorkerProcess child(String instance, int mailsBeforeHang) {
        WorkerProcess child = WorkerProcess.start(shared.forChildProcess(), instance, mailsBeforeHang);
        children.add(child);
        return child;
    }

    Job job(String id) {
        return main.jdbi().withExtension(JobDao.class, dao -> dao.find(id)).orElseThrow();
    }

    List<String> column(String sql) {
        return main.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    static void awaitChild(WorkerProcess child, java.util.concurrent.Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("the child worker did not get there; its output:\n" + child.output(), e);
        }
    }

    /** Waits for the end of the test, answering an interrupt (timeout, shutdown) by stopping. */
    JobResult waitForEndOfTest() throws InterruptedException {
        endOfTest.await();
        return JobResult.done();
    }

    @Test
    void twoInstancesRunEachOf300JobsAcrossLanesExactlyOnce() {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
        List<JobKind> kinds = List.of(MEDIA, MAIL, HOOK, UPKEEP);
        Jobs a = queue("a");
        Jobs b = queue("b");
        for (Jobs q : List.of(a, b)) {
            String name = q == a ? "a" : "b";
            for (JobKind kind : kinds) {
                q.register(kind, ctx -> {
                    runs.computeIfAbsent(ctx.key(), k -> new AtomicInteger()).incrementAndGet();
                    byInstance.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    Thread.sleep(ThreadLocalRandom.current().nextInt(3));
                    return JobResult.done();
                });
            }
            q.start(EnumSet.allOf(Lane.class));
        }
        for (int i = 0; i < 300; i++) {
            (i % 2 == 0 ? a : b).enqueue(kinds.get(i % 4), "t300/" + i, "{}");
        }
        await().atMost(WAIT).until(() -> a.byKeyPrefix("t300/").stream().allMatch(j -> j.state() == JobState.DONE));
        assertThat(runs).hasSize(300);
        assertThat(runs.values()).allMatch(n -> n.get() == 1);
        assertThat(a.byKeyPrefix("t300/")).allMatch(j -> j.attempts() == 1);
        assertThat(byInstance.get("a").get()).as("instance a ran some").isPositive();
        assertThat(byInstance.get("b").get()).as("instance b ran some").isPositive();
    }

    @Test
    void twentyConcurrentEnqueuesOfOneKeyMakeOneJob() throws Exception {
        Jobs a = queue("a");
        Jobs b = queue("b");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<String>> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Jobs q = i % 2 == 0 ? a : b;
            ids.add(pool.submit(() -> {
                go.await();
                return q.enqueue(MEDIA, "rel_1/flac/track-1", "{\"n\":1}");
            }));
        }
        go.countDown();
        Set<String> distinct = new java.util.HashSet<>();
        for (Future<String> id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(a.byKeyPrefix("rel_1/")).hasSize(1);
    }

    @Test
    void aFinishedJobRunsAgainOnlyWhenAskedAgain() {
        AtomicInteger runs = new AtomicInteger();
        Jobs a = queue("a");
        a.register(MAIL, ctx -> {
            runs.incrementAndGet();
            return JobResult.done();
        });
        a.start(Set.of(Lane.MAIL));
        String id = a.enqueue(MAIL, "receipt/p1", "{}");
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        assertThat(a.enqueue(MAIL, "receipt/p1", "{}")).isEqualTo(id);
        assertThat(job(id).state()).isEqualTo(JobState.DONE);
        assertThat(a.enqueueAgain(MAIL, "receipt/p1", "{\"again\":true}", Instant.now())).isEqualTo(id);
        await().atMost(WAIT).until(() -> runs.get() == 2 && job(id).state() == JobState.DONE);
        assertThat(job(id).payload()).isEqualTo("{\"again\":true}");
    }

    @Test
    void aJobEnqueuedInATransactionExistsOnlyIfItCommits() {
        Jobs a = queue("a");
        try {
            main.jdbi().useTransaction(h -> {
                a.enqueue(h, MAIL, "receipt/rolled-back", "{}", Instant.now());
                throw new IllegalStateException("the sale failed");
            });
        } catch (IllegalStateException expected) {
            // the enqueue goes with it
        }
        String id = main.jdbi().inTransaction(h -> {
            String first = a.enqueue(h, MAIL, "receipt/kept", "{}", Instant.now());
            assertThat(a.enqueue(h, MAIL, "receipt/kept", "{}", Instant.now())).isEqualTo(first);
            return first;
        });
        assertThat(a.byKeyPrefix("receipt/")).extracting(Job::id).containsExactly(id);
    }

    @Test
    void aJobWhoseInstanceIsKilledMidRunIsFinishedByAnother() throws Exception {
        Jobs b = queue("b");
        String id = b.enqueue(WorkerProcess.CRASHING, "rel_9/mp3-320/track-1", "{}");
        WorkerProcess child = child("child", 0);
        awaitChild(child, () -> column("SELECT instance FROM test_runs").contains("child"));
        assertThat(job(id).owner()).startsWith("child#");
        child.kill();
        b.register(WorkerProcess.CRASHING, ctx -> {
            WorkerProcess.recordRun(main.jdbi(), ctx.key(), "b");
            return JobResult.done();
        });
        b.start(Set.of(Lane.MEDIA));
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        assertThat(column("SELECT instance FROM test_runs ORDER BY instance")).containsExactly("b", "child");
        assertThat(job(id).attempts()).isEqualTo(2);
        assertThat(job(id).owner()).startsWith("b#");
    }

    @Test
    void aRetryAfterACrashNeverRepeatsAnEffectThatStarted() throws Exception {
        Jobs b = queue("b");
        String id = b.enqueue(WorkerProcess.MAIL, "release-mail/rel_9", "[\"ana\",\"ben\",\"cai\"]");
        WorkerProcess child = child("child", 2);
        awaitChild(child, () -> column("SELECT recipient FROM test_sent").size() == 2);
        child.kill();
        b.register(WorkerProcess.MAIL, WorkerProcess.mailer(main.jdbi(), "b", Integer.MAX_VALUE));
        b.start(Set.of(Lane.MAIL));
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        assertThat(column("SELECT recipient || '@' || instance FROM test_sent ORDER BY recipient"))
                .containsExactly("ana@child", "ben@child", "cai@b");
    }

    @Test
    void aRunThatLostItsLeaseChangesNothing() throws Exception {
        MovableClock laterClock = new MovableClock();
        CountDownLatch aStarted = new CountDownLatch(1);
        CountDownLatch letAFinish = new CountDownLatch(1);
        AtomicBoolean aStillOwned = new AtomicBoolean(true);
        AtomicBoolean aEffectRan = new AtomicBoolean();
        List<Throwable> aOnceError = new ArrayList<>();
        // a's lease is long and its heartbeat slow: only the database can tell it that it lost the job.
        Jobs a = queue("a", Clock.systemUTC(), s -> s.withLease(Duration.ofSeconds(30), Duration.ofSeconds(10)));
        a.register(MEDIA, ctx -> {
            aStarted.countDown();
            letAFinish.await();
            aStillOwned.set(ctx.stillOwned());
            try {
                ctx.once("late", () -> aEffectRan.set(true));
            } catch (JobContext.LeaseLost e) {
                aOnceError.add(e);
            }
            return JobResult.failed("a late runner's verdict");
        });
        a.start(Set.of(Lane.MEDIA));
        String id = a.enqueue(MEDIA, "rel_2/opus/track-1", "{}");
        aStarted.await();
        // b's clock is a minute ahead, so a's lease has run out as b sees it.
        laterClock.advance(Duration.ofMinutes(1));
        Jobs b = queue("b", laterClock, s -> s);
        b.register(MEDIA, ctx -> JobResult.done());
        b.start(Set.of(Lane.MEDIA));
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        letAFinish.countDown();
        await().atMost(WAIT).until(() -> !aOnceError.isEmpty());
        Thread.sleep(200); // a records its outcome right after its handler returns
        Job done = job(id);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.owner()).startsWith("b#");
        assertThat(done.lastError()).isNull();
        assertThat(aStillOwned).isFalse();
        assertThat(aEffectRan).isFalse();
    }

    @Test
    void failuresRetryWithBackoffThenStopWithTheReasonUntilTheArtistRetries() {
        MovableClock clock = new MovableClock();
        JobKind flaky = JobKind.of("test.flaky", Lane.MEDIA).withMaxAttempts(3)
                .withRetries(Duration.ofMinutes(1), Duration.ofMinutes(10));
        JobKind crashing = JobKind.of("test.bug", Lane.MEDIA).withMaxAttempts(1);
        JobKind refused = JobKind.of("test.corrupt", Lane.MEDIA);
        AtomicBoolean encoderMissing = new AtomicBoolean(true);
        Jobs a = queue("a", clock, s -> s);
        a.register(flaky, ctx -> {
            if (encoderMissing.get()) {
                throw Refusal.unavailable("the encoder for Opus is missing", null);
            }
            return JobResult.done();
        });
        a.register(crashing, ctx -> {
            throw new IllegalStateException("at /srv/secret/path line 12");
        });
        a.register(refused, ctx -> JobResult.failed("the master is not a valid FLAC file"));
        a.start(Set.of(Lane.MEDIA));
        String id = a.enqueue(flaky, "rel_3/opus/track-1", "{}");
        String bug = a.enqueue(crashing, "rel_3/bug", "{}");
        String corrupt = a.enqueue(refused, "rel_3/flac/track-2", "{}");

        for (int attempt = 1; attempt <= 2; attempt++) {
            int n = attempt;
            await().atMost(WAIT).until(() -> job(id).attempts() == n && job(id).state() == JobState.QUEUED);
            Job waiting = job(id);
            Duration pause = Duration.between(clock.instant(), waiting.runAt());
            Duration full = Duration.ofMinutes(1).multipliedBy(1L << (attempt - 1));
            assertThat(pause).isBetween(full.dividedBy(2).minusSeconds(5), full);
            assertThat(waiting.lastError()).isEqualTo("the encoder for Opus is missing");
            clock.advance(full);
        }
        await().atMost(WAIT).until(() -> job(id).state() == JobState.FAILED);
        assertThat(job(id).attempts()).isEqualTo(3);
        assertThat(job(id).lastError()).isEqualTo("the encoder for Opus is missing");

        await().atMost(WAIT).until(() -> job(bug).state() == JobState.FAILED && job(corrupt).state() == JobState.FAILED);
        assertThat(job(bug).lastError()).isEqualTo("failed: IllegalStateException");
        assertThat(job(corrupt).lastError()).isEqualTo("the master is not a valid FLAC file");
        assertThat(job(corrupt).attempts()).as("a handler's own refusal is not retried").isEqualTo(1);

        encoderMissing.set(false);
        assertThat(a.retry(id)).isTrue();
        assertThat(a.retry(id)).as("only a failed job is retried").isFalse();
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        assertThat(job(id).lastError()).isNull();
    }

    @Test
    void aMailIsNotKeptWaitingByBusyMediaWorkers() {
        Jobs a = queue("a", Clock.systemUTC(), s -> s.withWorkers(Lane.MEDIA, 2).withWorkers(Lane.MAIL, 1));
        a.register(MEDIA, ctx -> waitForEndOfTest());
        a.register(MAIL, ctx -> JobResult.done());
        a.start(Set.of(Lane.MEDIA, Lane.MAIL));
        for (int i = 0; i < 4; i++) {
            a.enqueue(MEDIA, "rel_4/wav/track-" + i, "{}");
        }
        await().atMost(WAIT).until(() -> count(a, Lane.MEDIA, JobState.RUNNING) == 2);
        String mail = a.enqueue(MAIL, "receipt/p4", "{}");
        await().atMost(Duration.ofSeconds(2)).until(() -> job(mail).state() == JobState.DONE);
        assertThat(count(a, Lane.MEDIA, JobState.RUNNING)).isEqualTo(2);
        assertThat(count(a, Lane.MEDIA, JobState.QUEUED)).isEqualTo(2);
    }

    static long count(Jobs jobs, Lane lane, JobState state) {
        return jobs.counts().stream().filter(c -> c.lane() == lane && c.state() == state).mapToLong(LaneCount::jobs).sum();
    }

    @Test
    void aHandlerPastItsTimeLimitIsInterruptedAndRetried() {
        MovableClock clock = new MovableClock();
        JobKind slow = JobKind.of("test.slow", Lane.MEDIA).withTimeout(Duration.ofMillis(300)).withMaxAttempts(2)
                .withRetries(Duration.ofMinutes(1), Duration.ofMinutes(1));
        AtomicInteger interrupted = new AtomicInteger();
        Jobs a = queue("a", clock, s -> s);
        a.register(slow, ctx -> {
            try {
                Thread.sleep(30_000);
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return JobResult.done();
        });
        a.start(Set.of(Lane.MEDIA));
        String id = a.enqueue(slow, "rel_5/alac/track-1", "{}");
        await().atMost(Duration.ofSeconds(5)).until(() -> job(id).attempts() == 1 && job(id).state() == JobState.QUEUED);
        assertThat(job(id).lastError()).isEqualTo("timed out after 300 ms");
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(5)).until(() -> job(id).state() == JobState.FAILED);
        assertThat(job(id).lastError()).isEqualTo("timed out after 300 ms");
        assertThat(interrupted).hasValue(2);
    }

    @Test
    void stoppingLetsShortJobsFinishAndGivesLongOnesBackAtOnce() {
        CountDownLatch bothStarted = new CountDownLatch(2);
        // A lease of a minute: another instance could only take the job this soon if it was given back.
        UnaryOperator<JobSettings> longLease = s -> s.withLease(Duration.ofMinutes(1), Duration.ofSeconds(10));
        Jobs a = queue("a", Clock.systemUTC(), longLease);
        a.register(MEDIA, ctx -> {
            bothStarted.countDown();
            return waitForEndOfTest();
        });
        a.register(MAIL, ctx -> {
            bothStarted.countDown();
            Thread.sleep(300);
            return JobResult.done();
        });
        a.start(Set.of(Lane.MEDIA, Lane.MAIL));
        String transcode = a.enqueue(MEDIA, "rel_6/flac/track-1", "{}");
        String mail = a.enqueue(MAIL, "receipt/p6", "{}");
        await().atMost(WAIT).until(() -> bothStarted.getCount() == 0);
        long started = System.nanoTime();
        a.stop(Duration.ofMillis(800));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(job(mail).state()).isEqualTo(JobState.DONE);
        Job givenBack = job(transcode);
        assertThat(givenBack.state()).isEqualTo(JobState.QUEUED);
        assertThat(givenBack.attempts()).as("the interrupted attempt is not counted").isZero();

        Jobs b = queue("b", Clock.systemUTC(), longLease);
        b.register(MEDIA, ctx -> JobResult.done());
        b.start(Set.of(Lane.MEDIA));
        await().atMost(Duration.ofSeconds(5)).until(() -> job(transcode).state() == JobState.DONE);
    }

    @Test
    void theDashboardSeesProgressStatesAndQueueDepth() {
        CountDownLatch halfway = new CountDownLatch(1);
        Jobs a = queue("a", Clock.systemUTC(), s -> s.withWorkers(Lane.MEDIA, 1));
        a.register(MEDIA, ctx -> {
            ctx.progress(0.5);
            halfway.countDown();
            return waitForEndOfTest();
        });
        a.start(Set.of(Lane.MEDIA));
        a.enqueue(MEDIA, "rel_7/flac/track-1", "{}");
        a.enqueue(MEDIA, "rel_7/flac/track-2", "{}");
        a.enqueue(MEDIA, "rel_77/flac/track-1", "{}");
        a.enqueue(MEDIA, "relX7/flac/track-1", "{}");
        await().atMost(WAIT).until(() -> a.byKeyPrefix("rel_7/").stream().anyMatch(j -> j.progress() != null && j.progress() == 0.5));
        List<Job> release = a.byKeyPrefix("rel_7/");
        assertThat(release).extracting(Job::key).containsExactly("rel_7/flac/track-1", "rel_7/flac/track-2");
        assertThat(release).extracting(Job::state).containsExactly(JobState.RUNNING, JobState.QUEUED);
        assertThat(release.get(0).startedAt()).isNotNull();
        assertThat(a.byKeyPrefix("rel_")).hasSize(3);
        assertThat(count(a, Lane.MEDIA, JobState.QUEUED)).isEqualTo(3);
        assertThat(count(a, Lane.MEDIA, JobState.RUNNING)).isEqualTo(1);
    }

    @Test
    void aPeriodicJobIsOnePerKindAcrossInstancesAndComesBackEachPeriod() {
        MovableClock clock = new MovableClock();
        JobKind sweep = JobKind.of("test.sweep", Lane.UPKEEP);
        AtomicInteger sweeps = new AtomicInteger();
        Jobs a = queue("a", clock, s -> s);
        Jobs b = queue("b", clock, s -> s);
        for (Jobs q : List.of(a, b)) {
            q.register(sweep, ctx -> {
                sweeps.incrementAndGet();
                return JobResult.done();
            });
        }
        String id = a.every(sweep, Duration.ofHours(1));
        assertThat(b.every(sweep, Duration.ofHours(1))).isEqualTo(id);
        a.start(Set.of(Lane.UPKEEP));
        b.start(Set.of(Lane.UPKEEP));
        await().atMost(WAIT).until(() -> sweeps.get() == 1 && job(id).attempts() == 0);
        Job next = job(id);
        assertThat(next.state()).isEqualTo(JobState.QUEUED);
        assertThat(Duration.between(clock.instant(), next.runAt())).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        await().atMost(WAIT).until(() -> sweeps.get() == 2);
        // Both instances run upkeep, so the purge is scheduled once as well.
        assertThat(a.byKeyPrefix(Jobs.PERIODIC_KEY)).extracting(Job::kind).containsExactlyInAnyOrder("jobs.purge", "test.sweep");
    }

    @Test
    void aJobForLaterWaitsForItsTime() {
        MovableClock clock = new MovableClock();
        AtomicInteger runs = new AtomicInteger();
        Jobs a = queue("a", clock, s -> s);
        a.register(MAIL, ctx -> {
            runs.incrementAndGet();
            return JobResult.done();
        });
        a.start(Set.of(Lane.MAIL));
        String id = a.enqueue(MAIL, "pre-order/rel_8", "{}", clock.instant().plus(Duration.ofDays(3)));
        await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2)).until(() -> runs.get() == 0);
        clock.advance(Duration.ofDays(3));
        await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
        assertThat(runs).hasValue(1);
    }

    @Test
    void oldFinishedJobsArePurgedWithTheirEffects() {
        MovableClock clock = new MovableClock();
        Jobs a = queue("a", clock, s -> s.withRetention(Duration.ofDays(30)));
        JobKind once = JobKind.of("test.once", Lane.MAIL).withMaxAttempts(1);
        a.register(once, ctx -> {
            ctx.once("to:fan", () -> { });
            return ctx.key().endsWith("fails") ? JobResult.failed("no") : JobResult.done();
        });
        a.start(Set.of(Lane.MAIL));
        String done = a.enqueue(once, "purge/done", "{}");
        String failed = a.enqueue(once, "purge/fails", "{}");
        await().atMost(WAIT).until(() -> job(done).state() == JobState.DONE && job(failed).state() == JobState.FAILED);
        String later = a.enqueue(once, "purge/later", "{}", clock.instant().plus(Duration.ofDays(60)));
        assertThat(a.purge()).isZero();
        clock.advance(Duration.ofDays(31));
        assertThat(a.purge()).isEqualTo(2);
        assertThat(a.byKeyPrefix("purge/")).extracting(Job::id).containsExactly(later);
        assertThat(column("SELECT COUNT(*) FROM job_effects")).containsExactly("0");
    }

    @Test
    void keysAndPayloadsAreChecked() {
        Jobs a = queue("a");
        assertThatThrownBy(() -> a.enqueue(MAIL, "", "{}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.enqueue(MAIL, "k", "x".repeat(4001))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobKind.of("Bad Name", Lane.MAIL)).isInstanceOf(IllegalArgumentException.class);
    }
}
