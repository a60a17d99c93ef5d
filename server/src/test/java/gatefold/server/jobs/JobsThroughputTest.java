package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import gatefold.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How many no-op jobs a second the queue claims and records on embedded H2, with one instance and with two. */
class JobsThroughputTest {

    private static final JobKind NOTHING = JobKind.of("test.nothing", Lane.MAIL);
    private static final int JOBS = 1000;

    @Test
    void noOpJobsRunQuicklyOnH2() {
        try (SharedDatabase shared = SharedDatabase.h2()) {
            double one = measure(shared, 1, "one/");
            double two = measure(shared, 2, "two/");
            System.out.printf("job queue on H2, no-op handlers, 4 workers per instance: %.0f jobs/s with one instance,"
                    + " %.0f jobs/s with two%n", one, two);
            // A floor low enough for a busy CI machine (runs here gave 136 to 399 a second); the figure is the printout.
            assertThat(one).isGreaterThan(25);
            assertThat(two).isGreaterThan(25);
        }
    }

    /** Enqueues {@link #JOBS} jobs, then starts the instances and times until every job is done. */
    private static double measure(SharedDatabase shared, int instances, String prefix) {
        List<Database> pools = new ArrayList<>();
        List<Jobs> queues = new ArrayList<>();
        AtomicInteger runs = new AtomicInteger();
        try {
            for (int i = 0; i < instances; i++) {
                Database db = shared.open();
                pools.add(db);
                Jobs jobs = new Jobs(db.jdbi(), Clock.systemUTC(), JobSettings.defaults().withInstance(prefix + i)
                        .withWorkers(Lane.MAIL, 4).withPoll(Duration.ofMillis(50)));
                jobs.register(NOTHING, ctx -> {
                    runs.incrementAndGet();
                    return JobResult.done();
                });
                queues.add(jobs);
            }
            long enqueueStart = System.nanoTime();
            for (int i = 0; i < JOBS; i++) {
                queues.get(0).enqueue(NOTHING, prefix + i, "{}");
            }
            double enqueued = JOBS / ((System.nanoTime() - enqueueStart) / 1e9);
            long start = System.nanoTime();
            queues.forEach(q -> q.start(Set.of(Lane.MAIL)));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(5)).until(() -> runs.get() >= JOBS);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                    .until(() -> queues.get(0).byKeyPrefix(prefix).stream().allMatch(j -> j.state() == JobState.DONE));
            double perSecond = JOBS / ((System.nanoTime() - start) / 1e9);
            System.out.printf("%d instance(s): enqueued %.0f jobs/s, ran %.0f jobs/s%n", instances, enqueued, perSecond);
            assertThat(runs).hasValue(JOBS);
            return perSecond;
        } finally {
            queues.forEach(q -> q.stop(Duration.ofSeconds(1)));
            pools.forEach(Database::close);
        }
    }
}
