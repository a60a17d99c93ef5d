package gatefold.server.jobs;

import static org.awaitility.Awaitility.await;

import gatefold.server.db.Database;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.UnaryOperator;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fresh database, queue instances, a child-process instance and helpers for the job
 * queue's contracts. Subclasses say which database: {@code SharedDatabase.h2()} or
 * {@code SharedDatabase.postgres()}.
 */
abstract class QueueFixture {

    static final Duration WAIT = Duration.ofSeconds(60);
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

    /** A child instance that runs Gatefold's own background kinds, each hanging once started. */
    WorkerProcess backgroundChild(String instance) {
        WorkerProcess child = WorkerProcess.startBackground(shared.forChildProcess(), instance);
        children.add(child);
        return child;
    }

    Job job(String id) {
        return main.jdbi().withExtension(JobDao.class, dao -> dao.find(id)).orElseThrow();
    }

    List<String> column(String sql) {
        return main.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).list());
    }

    static void awaitChild(WorkerProcess child, Callable<Boolean> condition) {
        try {
            await().atMost(WAIT).until(condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the child worker did not get there; its output:\n" + child.output(), e);
        }
    }

    /** Waits for the end of the test, answering an interrupt (timeout, shutdown) by stopping. */
    JobResult waitForEndOfTest() throws InterruptedException {
        endOfTest.await();
        return JobResult.done();
    }

    static long count(Jobs jobs, Lane lane, JobState state) {
        return jobs.counts().stream().filter(c -> c.lane() == lane && c.state() == state).mapToLong(LaneCount::jobs).sum();
    }
}
