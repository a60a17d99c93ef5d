package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.MovableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Gatefold's own background work (the verifier, the janitor, purges, sweeps, webhook sending,
 * digests, mail) on the queue with two instances on one database: each recurring kind runs once
 * per turn, never twice at once, and a run killed with SIGKILL is taken up by the other.
 */
abstract class BackgroundWorkAcrossInstancesContract extends QueueFixture {

    private static final Duration TURN = Duration.ofHours(1);

    @Test
    void eachRecurringKindRunsOncePerTurnAndEachMailAndLinkOnceWithTwoInstancesCompeting() {
        MovableClock clock = new MovableClock();
        Map<String, List<String>> runs = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> atOnce = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> mostAtOnce = new ConcurrentHashMap<>();
        Jobs a = queue("a", clock, s -> s);
        Jobs b = queue("b", clock, s -> s);
        for (Jobs q : List.of(a, b)) {
            String instance = q == a ? "a" : "b";
            for (JobKind kind : BackgroundKinds.ALL) {
                q.register(kind, ctx -> {
                    String name = BackgroundKinds.TRIGGERED.contains(kind) ? kind.name() + "/" + ctx.key() : kind.name();
                    int now = atOnce.computeIfAbsent(name, k -> new AtomicInteger()).incrementAndGet();
                    mostAtOnce.computeIfAbsent(name, k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                    Thread.sleep(30); // long enough for the other instance's dispatcher to look meanwhile
                    atOnce.get(name).decrementAndGet();
                    runs.computeIfAbsent(name, k -> Collections.synchronizedList(new ArrayList<>())).add(instance);
                    return JobResult.done();
                });
            }
            // Every instance that runs background work keeps the recurring kinds scheduled at its start.
            BackgroundKinds.RECURRING.forEach(kind -> q.every(kind, TURN));
        }
        a.start(EnumSet.allOf(Lane.class));
        b.start(EnumSet.allOf(Lane.class));
        for (JobKind kind : BackgroundKinds.TRIGGERED) {
            for (int i = 0; i < 20; i++) {
                (i % 2 == 0 ? a : b).enqueue(kind, "job_" + i, "{}");
            }
        }

        for (int turn = 1; turn <= 3; turn++) {
            int expected = turn;
            await().atMost(WAIT).until(() -> BackgroundKinds.RECURRING.stream()
                    .allMatch(kind -> runs.getOrDefault(kind.name(), List.of()).size() >= expected) && allWaitingForNextTurn(a, clock));
            for (JobKind kind : BackgroundKinds.RECURRING) {
                assertThat(runs.get(kind.name())).as(kind.name() + " in turn " + turn).hasSize(turn);
            }
            clock.advance(TURN.plusSeconds(1));
        }

        assertThat(a.byKeyPrefix(Jobs.PERIODIC_KEY)).extracting(Job::kind).doesNotHaveDuplicates();
        for (JobKind kind : BackgroundKinds.TRIGGERED) {
            for (int i = 0; i < 20; i++) {
                assertThat(runs.get(kind.name() + "/job_" + i)).as(kind.name() + " job_" + i).hasSize(1);
            }
        }
        assertThat(mostAtOnce.values()).allMatch(n -> n.get() == 1);
        List<String> instances = runs.values().stream().flatMap(List::stream).distinct().toList();
        assertThat(instances).as("both instances took part").containsExactlyInAnyOrder("a", "b");
    }

    /** Every recurring job is back in the queue for a turn that has not come yet: none runs now. */
    private static boolean allWaitingForNextTurn(Jobs jobs, MovableClock clock) {
        Instant soon = clock.instant().plus(TURN.dividedBy(2));
        return jobs.byKeyPrefix(Jobs.PERIODIC_KEY).stream().allMatch(j -> j.state() == JobState.QUEUED && j.runAt().isAfter(soon));
    }

    @Test
    void backgroundWorkKilledMidRunIsRunAgainByTheOtherInstance() throws Exception {
        Jobs b = queue("b");
        List<String> triggered = new ArrayList<>();
        for (JobKind kind : BackgroundKinds.TRIGGERED) {
            triggered.add(b.enqueue(kind, "killed", "{}"));
        }
        WorkerProcess child = backgroundChild("child");
        awaitChild(child, () -> column("SELECT job_key FROM test_runs WHERE instance = 'child'").size() == BackgroundKinds.ALL.size());
        child.kill();
        Instant killed = Instant.now();

        for (JobKind kind : BackgroundKinds.ALL) {
            b.register(kind, ctx -> {
                WorkerProcess.recordRun(main.jdbi(), kind.name(), "b");
                return JobResult.done();
            });
        }
        b.start(EnumSet.allOf(Lane.class));
        await().atMost(WAIT).until(() -> column("SELECT job_key FROM test_runs WHERE instance = 'b'").size() == BackgroundKinds.ALL.size());

        for (JobKind kind : BackgroundKinds.ALL) {
            assertThat(column("SELECT instance FROM test_runs WHERE job_key = '" + kind.name() + "' ORDER BY instance"))
                    .as(kind.name()).containsExactly("b", "child");
        }
        for (String id : triggered) {
            await().atMost(WAIT).until(() -> job(id).state() == JobState.DONE);
            assertThat(job(id).attempts()).as(job(id).kind()).isEqualTo(2);
        }
        await().atMost(WAIT).until(() -> b.byKeyPrefix(Jobs.PERIODIC_KEY).stream()
                .filter(j -> BackgroundKinds.RECURRING.stream().anyMatch(k -> k.name().equals(j.kind())))
                .allMatch(j -> j.state() == JobState.QUEUED && j.owner().startsWith("b#")));
        for (Job recurring : b.byKeyPrefix(Jobs.PERIODIC_KEY)) {
            if (BackgroundKinds.RECURRING.stream().anyMatch(k -> k.name().equals(recurring.kind()))) {
                assertThat(recurring.runAt()).as(recurring.kind() + ": the next turn, an hour on")
                        .isAfter(killed.plus(TURN).minusSeconds(5));
                assertThat(recurring.attempts()).isZero();
            }
        }
    }
}
