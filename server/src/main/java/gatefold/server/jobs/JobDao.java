package gatefold.server.jobs;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * The queue's SQL. Every change to a running job names its owner (one claim's token) and
 * state 'running', so a run that lost its lease changes nothing.
 */
@RegisterConstructorMapper(Job.class)
@RegisterConstructorMapper(LaneCount.class)
@RegisterConstructorMapper(KindCount.class)
interface JobDao {

    @SqlUpdate("""
            INSERT INTO jobs (id, kind, job_key, lane, payload, state, run_at, attempts, max_attempts, repeat_every_ms, created_at)
            VALUES (:id, :kind, :key, :lane, :payload, 'queued', :runAt, 0, :maxAttempts, :everyMs, :now)""")
    void insert(@Bind("id") String id, @Bind("kind") String kind, @Bind("key") String key, @Bind("lane") String lane,
                @Bind("payload") String payload, @Bind("runAt") Instant runAt, @Bind("maxAttempts") int maxAttempts,
                @Bind("everyMs") Long everyMs, @Bind("now") Instant now);

    @SqlQuery("SELECT * FROM jobs WHERE kind = :kind AND job_key = :key")
    Optional<Job> byKey(@Bind("kind") String kind, @Bind("key") String key);

    @SqlQuery("SELECT * FROM jobs WHERE id = :id")
    Optional<Job> find(@Bind("id") String id);

    /** A finished job asked for again: a fresh start, keeping the effects it already had (see JobContext.once). */
    @SqlUpdate("""
            UPDATE jobs SET state = 'queued', payload = :payload, run_at = :runAt, attempts = 0, max_attempts = :maxAttempts,
                   progress = NULL, last_error = NULL, finished_at = NULL
            WHERE id = :id AND state IN ('done', 'failed')""")
    int requeueFinished(@Bind("id") String id, @Bind("payload") String payload, @Bind("runAt") Instant runAt,
                        @Bind("maxAttempts") int maxAttempts);

    @SqlUpdate("UPDATE jobs SET repeat_every_ms = :everyMs WHERE id = :id")
    void repeatEvery(@Bind("id") String id, @Bind("everyMs") long everyMs);

    /** The artist's retry: a failed job gets all its attempts again; the last error stays until it succeeds. */
    @SqlUpdate("UPDATE jobs SET state = 'queued', run_at = :now, attempts = 0, finished_at = NULL WHERE id = :id AND state = 'failed'")
    int retry(@Bind("id") String id, @Bind("now") Instant now);

    /** Due jobs of one lane, locked for this transaction; rows another instance is claiming are skipped, not waited for. */
    @SqlQuery("""
            SELECT * FROM jobs WHERE lane = :lane AND state = 'queued' AND run_at <= :now AND kind IN (<kinds>)
            ORDER BY run_at, id LIMIT :limit FOR UPDATE SKIP LOCKED""")
    List<Job> lockDue(@Bind("lane") String lane, @BindList("kinds") Collection<String> kinds, @Bind("now") Instant now,
                      @Bind("limit") int limit);

    @SqlUpdate("""
            UPDATE jobs SET state = 'running', owner = :owner, lease_until = :leaseUntil, attempts = attempts + 1,
                   started_at = :now, progress = NULL
            WHERE id = :id AND state = 'queued'""")
    int claim(@Bind("id") String id, @Bind("owner") String owner, @Bind("leaseUntil") Instant leaseUntil, @Bind("now") Instant now);

    @SqlUpdate("UPDATE jobs SET lease_until = :leaseUntil WHERE id = :id AND owner = :owner AND state = 'running'")
    int renew(@Bind("id") String id, @Bind("owner") String owner, @Bind("leaseUntil") Instant leaseUntil);

    @SqlQuery("SELECT COUNT(*) FROM jobs WHERE id = :id AND owner = :owner AND state = 'running'")
    int owned(@Bind("id") String id, @Bind("owner") String owner);

    @SqlUpdate("UPDATE jobs SET progress = :progress WHERE id = :id AND owner = :owner AND state = 'running'")
    int progress(@Bind("id") String id, @Bind("owner") String owner, @Bind("progress") double progress);

    /** How a run ended: done, queued again (a retry or the next period), or failed. */
    @SqlUpdate("""
            UPDATE jobs SET state = :state, run_at = :runAt, attempts = :attempts, last_error = :error, progress = :progress,
                   finished_at = :finishedAt, lease_until = NULL
            WHERE id = :id AND owner = :owner AND state = 'running'""")
    int settle(@Bind("id") String id, @Bind("owner") String owner, @Bind("state") JobState state, @Bind("runAt") Instant runAt,
               @Bind("attempts") int attempts, @Bind("error") String error, @Bind("progress") Double progress,
               @Bind("finishedAt") Instant finishedAt);

    /** Given back at shutdown: queued at once, and the interrupted attempt is not counted. */
    @SqlUpdate("""
            UPDATE jobs SET state = 'queued', run_at = :now, attempts = attempts - 1, lease_until = NULL, progress = NULL
            WHERE id = :id AND owner = :owner AND state = 'running'""")
    int release(@Bind("id") String id, @Bind("owner") String owner, @Bind("now") Instant now);

    /** Jobs whose lease ran out (their instance died or lost the database) on their last attempt: failed. */
    @SqlUpdate("""
            UPDATE jobs SET state = 'failed', finished_at = :now, last_error = :error, lease_until = NULL
            WHERE state = 'running' AND lease_until < :now AND attempts >= max_attempts AND repeat_every_ms IS NULL""")
    int failExpired(@Bind("now") Instant now, @Bind("error") String error);

    /** The other jobs whose lease ran out: queued again at once (a periodic one with its attempts back). */
    @SqlUpdate("""
            UPDATE jobs SET state = 'queued', run_at = :now, last_error = :error, lease_until = NULL,
                   attempts = CASE WHEN attempts >= max_attempts THEN 0 ELSE attempts END
            WHERE state = 'running' AND lease_until < :now""")
    int requeueExpired(@Bind("now") Instant now, @Bind("error") String error);

    /** The owners of running jobs, for {@link StoppedProcesses} to ask whether their process is alive. */
    @SqlQuery("SELECT DISTINCT owner FROM jobs WHERE state = 'running' AND owner IS NOT NULL")
    List<String> runningOwners();

    /** Ends these owners' leases now, so the expired-lease rules take their jobs back at once. */
    @SqlUpdate("UPDATE jobs SET lease_until = :past WHERE state = 'running' AND owner IN (<owners>)")
    int endLeases(@BindList("owners") Collection<String> owners, @Bind("past") Instant past);

    @SqlQuery("SELECT COUNT(*) FROM job_effects WHERE job_id = :jobId AND effect_key = :effectKey")
    int effectRecorded(@Bind("jobId") String jobId, @Bind("effectKey") String effectKey);

    @SqlUpdate("INSERT INTO job_effects (job_id, effect_key, done_at) VALUES (:jobId, :effectKey, :now)")
    void recordEffect(@Bind("jobId") String jobId, @Bind("effectKey") String effectKey, @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM job_effects WHERE job_id = :jobId AND effect_key = :effectKey")
    void forgetEffect(@Bind("jobId") String jobId, @Bind("effectKey") String effectKey);

    @SqlQuery("SELECT * FROM jobs WHERE job_key LIKE :pattern ESCAPE '!' ORDER BY job_key, kind")
    List<Job> byKeyPattern(@Bind("pattern") String pattern);

    @SqlQuery("SELECT lane, state, COUNT(*) AS jobs FROM jobs GROUP BY lane, state ORDER BY lane, state")
    List<LaneCount> counts();

    /** Per kind and state; for queued jobs also when the longest-waiting due one was due. */
    @SqlQuery("""
            SELECT kind, lane, state, COUNT(*) AS jobs,
                   MIN(CASE WHEN state = 'queued' AND run_at <= :now THEN run_at END) AS oldest_due
            FROM jobs GROUP BY kind, lane, state ORDER BY kind, state""")
    List<KindCount> countsByKind(@Bind("now") Instant now);

    @SqlUpdate("DELETE FROM jobs WHERE state IN ('done', 'failed') AND finished_at < :before")
    int purge(@Bind("before") Instant before);
}
