-- The durable job queue (gatefold.server.jobs): one row per (kind, key), claimed with a lease
-- that its runner renews while it works, so a job whose instance died is taken again.
CREATE TABLE jobs (
    id              VARCHAR(40) PRIMARY KEY,
    kind            VARCHAR(60) NOT NULL,
    job_key         VARCHAR(400) NOT NULL,
    lane            VARCHAR(12) NOT NULL,
    payload         VARCHAR(4000) NOT NULL,
    state           VARCHAR(10) NOT NULL,
    run_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts        INTEGER NOT NULL,
    max_attempts    INTEGER NOT NULL,
    repeat_every_ms BIGINT,
    owner           VARCHAR(120),
    lease_until     TIMESTAMP WITH TIME ZONE,
    progress        DOUBLE PRECISION,
    last_error      VARCHAR(300),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE,
    finished_at     TIMESTAMP WITH TIME ZONE,
    CONSTRAINT jobs_kind_key UNIQUE (kind, job_key)
);
-- What a lane's workers claim next; leases to take over; finished jobs to purge; a release's jobs by key prefix.
CREATE INDEX jobs_due ON jobs (lane, state, run_at);
CREATE INDEX jobs_leases ON jobs (state, lease_until);
CREATE INDEX jobs_finished ON jobs (state, finished_at);
CREATE INDEX jobs_key ON jobs (job_key);

-- Outside effects a job has started (a mail to one recipient, one webhook call), recorded
-- before the effect runs so a retry of the job never repeats one.
CREATE TABLE job_effects (
    job_id     VARCHAR(40) NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    effect_key VARCHAR(400) NOT NULL,
    done_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (job_id, effect_key)
);
