package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import gatefold.server.MovableClock;
import gatefold.server.common.Refusal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The queue's rules on one instance: idempotent keys, transactions, retries with backoff
 * and reasons, lanes, time limits, scheduled jobs, status for the dashboard, purging.
 */
abstract class QueueRulesContract extends QueueFixture {

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
    void failuresRetryWithBackoffThenStopWithTheReasonUntilTheArtistRetries() {
        MovableClock clock = new MovableClock();
        JobKind flaky = JobKind.of("test.flaky", Lane.MEDIA).withMaxAttempts(3)
                .withRetries(Duration.ofMinutes(1), Duration.ofMinutes(10));
        JobKind crashing = JobKind.of("test.bug", Lane.MEDIA).withMaxAttempts(1);
        JobKind refused = JobKind.of("test.corrupt", Lane.MEDIA);
        AtomicBoolean encoderMissing = new AtomicBoolean(true);
        Jobs a = queue("a", clock, s -> s);
        List<String> endings = Collections.synchronizedList(new ArrayList<>());
        a.observe((kind, ending, took) -> endings.add(kind.name() + ":" + ending));
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
        await().atMost(WAIT).until(() -> endings.contains("test.flaky:DONE"));
        assertThat(endings.stream().filter(e -> e.startsWith("test.flaky:")))
                .containsExactly("test.flaky:RETRY", "test.flaky:RETRY", "test.flaky:FAILED", "test.flaky:DONE");
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
