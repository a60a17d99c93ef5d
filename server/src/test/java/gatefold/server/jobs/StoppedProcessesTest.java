package gatefold.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import gatefold.server.db.Database;
import gatefold.server.db.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** At start on the embedded database, jobs held by a process that is gone are queued again at once; a live one's stay. */
class StoppedProcessesTest {

    private static final JobKind MEDIA = JobKind.of("test.media", Lane.MEDIA);
    private final Database db = TestDatabases.h2();
    private final Jobs jobs = new Jobs(db.jdbi(), Clock.systemUTC(), JobSettings.defaults());

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aDeadProcessesJobsAreTakenBackAndALiveOnesAreNot() {
        long dead = deadPid();
        String deadJob = runningBy(jobs.enqueue(MEDIA, "dead", "{}"), "host/" + dead + "/x1#media-1");
        String liveJob = runningBy(jobs.enqueue(MEDIA, "live", "{}"), "host/" + ProcessHandle.current().pid() + "/x2#media-1");
        String oddJob = runningBy(jobs.enqueue(MEDIA, "odd", "{}"), "a name without a process");

        assertThat(StoppedProcesses.takeBack(db.jdbi(), Clock.systemUTC())).isEqualTo(1);

        assertThat(jobs.find(deadJob).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThat(jobs.find(liveJob).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(jobs.find(oddJob).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(StoppedProcesses.takeBack(db.jdbi(), Clock.systemUTC())).isZero();
    }

    private String runningBy(String id, String owner) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        UPDATE jobs SET state = 'running', owner = :owner, attempts = 1, lease_until = :until WHERE id = :id""")
                .bind("owner", owner).bind("until", Instant.now().plusSeconds(30)).bind("id", id).execute());
        return id;
    }

    /** A process id no process has now: one that just ended. */
    private static long deadPid() {
        try {
            Process p = new ProcessBuilder("true").start();
            p.waitFor();
            return p.pid();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
