package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.MovableClock;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
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
import org.junit.jupiter.api.Test;

/**
 * What must hold with several instances on one database: each job runs once, a killed
 * instance's job is finished by another, a retry never repeats an effect, a runner that
 * lost its job changes nothing, a stopping instance gives its jobs back.
 */
abstract class AcrossInstancesContract extends QueueFixture {

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
        Set<String> distinct = new HashSet<>();
        for (Future<String> id : ids) {
            distinct.add(id.get());
        }
        pool.shutdown();
        assertThat(distinct).hasSize(1);
        assertThat(a.byKeyPrefix("rel_1/")).hasSize(1);
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
        List<JobObserver.Ending> aEndings = Collections.synchronizedList(new ArrayList<>());
        a.observe((kind, ending, took) -> aEndings.add(ending));
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
        await().atMost(WAIT).until(() -> a.runningHere() == 0); // a has recorded what it could
        Job done = job(id);
        assertThat(done.state()).isEqualTo(JobState.DONE);
        assertThat(done.owner()).startsWith("b#");
        assertThat(done.lastError()).isNull();
        assertThat(aStillOwned).isFalse();
        assertThat(aEffectRan).isFalse();
        assertThat(aEndings).containsExactly(JobObserver.Ending.LOST);
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
}
