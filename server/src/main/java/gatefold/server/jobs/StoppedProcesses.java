package gatefold.server.jobs;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the embedded database every instance that ever ran a job was a process on this machine:
 * a job still held by a process that is gone (a kill -9, a power cut) is taken back at start,
 * instead of waiting out its lease (30 s). Not for a shared database: there, an owner's process
 * id means nothing on another machine, and the lease is the only safe rule.
 */
public final class StoppedProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(StoppedProcesses.class);
    private static final String STOPPED = "its process stopped while running it";

    private StoppedProcesses() {
    }

    /** Ends the leases of running jobs whose owner's process is no longer alive here; returns how many were taken back. */
    public static int takeBack(Jdbi jdbi, Clock clock) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            JobDao dao = h.attach(JobDao.class);
            List<String> gone = dao.runningOwners().stream().filter(owner -> !alive(owner)).toList();
            if (gone.isEmpty()) {
                return 0;
            }
            dao.endLeases(gone, now.minusMillis(1));
            int taken = dao.failExpired(now, STOPPED) + dao.requeueExpired(now, STOPPED);
            LOG.info("jobs: took back {} job(s) a stopped process was running", taken);
            return taken;
        });
    }

    /** An owner is "host/pid/tag#lane-n"; a name without a readable process id counts as alive (its lease decides). */
    static boolean alive(String owner) {
        OptionalLong pid = pid(owner);
        return pid.isEmpty() || ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    static OptionalLong pid(String owner) {
        String[] parts = owner.split("/");
        if (parts.length < 3) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(parts[parts.length - 2]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
