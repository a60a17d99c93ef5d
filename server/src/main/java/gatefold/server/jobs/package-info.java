/**
 * The durable job queue: transcodes, the upload verifier and janitor, seller webhooks, mails,
 * the free-download digests, the abandoned-checkout sweep and the purges run here, exactly
 * once across every instance that shares the database. Recurring work is one row per kind
 * ({@link gatefold.server.jobs.Jobs#every}) that whichever instance runs it schedules again;
 * no feature keeps a timer thread of its own.
 *
 * <h2>Why our own table and not db-scheduler</h2>
 * db-scheduler 16.7.1 runs on H2 and PostgreSQL and claims well, but Gatefold needs what it
 * does not keep: a failed job that stays visible with its reason until the artist retries
 * it (db-scheduler deletes or reschedules), progress per job, listing by key prefix for a
 * release's dashboard, separate worker pools per lane in one instance (it has one pool per
 * scheduler), time limits per kind, and effect records for mails and webhooks. Bolting
 * those on would leave two sources of truth; this queue is some 1,400 lines with comments.
 *
 * <h2>How a job runs exactly once</h2>
 * One row per (kind, key) in {@code jobs} (V14). A lane's dispatcher locks due rows with
 * {@code SELECT ... FOR UPDATE SKIP LOCKED} (PostgreSQL and H2 2.x both have it, so
 * instances claiming together take different jobs) and claims each with
 * {@code UPDATE ... SET state = 'running', owner = <token> WHERE id = ? AND state = 'queued'}:
 * the owner token is new for every claim. The runner renews {@code lease_until} every
 * heartbeat ({@link gatefold.server.jobs.JobSettings}: lease 30 s, heartbeat 10 s, poll
 * 0.5 s); every write of a running job names its token, so a runner that lost the job
 * (its lease ran out and another instance took it) changes nothing, and the heartbeat
 * interrupts it. A runner that cannot reach the database stops itself before its lease
 * could run out. Any instance with workers queues again the jobs whose lease ran out
 * (their instance died), so a killed instance's job is taken within about
 * lease + heartbeat + poll. Leases compare instances' clocks: keep them in sync (NTP).
 *
 * <h2>Outside effects: at most once per recipient</h2>
 * A run may die after a mail left and before the job was marked done. So
 * {@link gatefold.server.jobs.JobContext#once} records each effect's key (with a check of
 * the lease in the same transaction) before running it, and a retry skips recorded keys.
 * The price: if the instance dies between the record and the send, that one recipient gets
 * nothing; we prefer a missing receipt (the fan's library still has every link) to a
 * doubled one or a doubled webhook.
 *
 * <h2>SQL style</h2>
 * All SQL is in {@link gatefold.server.jobs.JobDao} (Jdbi SqlObject, records as rows), and
 * runs unchanged on H2 in PostgreSQL mode and on PostgreSQL.
 */
package gatefold.server.jobs;
