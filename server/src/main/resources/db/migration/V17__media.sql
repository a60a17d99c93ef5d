-- What each instance that runs media work can make (formats, previews), refreshed while it
-- runs, so an instance that only serves fans offers exactly what the workers can build.
CREATE TABLE media_workers (
    instance_id  VARCHAR(100) PRIMARY KEY,
    formats      VARCHAR(300) NOT NULL,
    previews     BOOLEAN NOT NULL,
    tool_version VARCHAR(200),
    absence      VARCHAR(500),
    seen_at      TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What ffprobe found in a master (its sound or picture), or the problem that keeps it from
-- being published. Keyed by file and blob: a replaced file is checked again.
CREATE TABLE file_media (
    file_id      VARCHAR(40) NOT NULL,
    blob_key     VARCHAR(300) NOT NULL,
    state        VARCHAR(12) NOT NULL,
    problem      VARCHAR(500),
    codec        VARCHAR(40),
    container    VARCHAR(40),
    duration_ms  BIGINT,
    sample_rate  INTEGER,
    bit_depth    INTEGER,
    channels     INTEGER,
    bitrate      BIGINT,
    lossless     BOOLEAN,
    width        INTEGER,
    height       INTEGER,
    checked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT file_media_pk PRIMARY KEY (file_id, blob_key)
);

-- Files made from masters (other formats, previews, film renditions), named by a hash of
-- everything that went into them: an edit makes new ones, and nothing stale is served.
CREATE TABLE derived_files (
    derived_key  VARCHAR(64) PRIMARY KEY,
    artist_id    VARCHAR(40) NOT NULL,
    release_id   VARCHAR(40) NOT NULL,
    file_id      VARCHAR(40) NOT NULL,
    format       VARCHAR(20) NOT NULL,
    blob_key     VARCHAR(300) NOT NULL,
    size         BIGINT NOT NULL,
    crc32        BIGINT NOT NULL,
    sha256       VARCHAR(64) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX derived_files_release ON derived_files (release_id);
CREATE INDEX derived_files_artist ON derived_files (artist_id);

-- The formats a release offers (null: every one its masters allow), its genre, and per file
-- a track title and the CRC-32 album zips need.
ALTER TABLE releases ADD COLUMN formats VARCHAR(300);
ALTER TABLE releases ADD COLUMN genre VARCHAR(100);
ALTER TABLE release_files ADD COLUMN title VARCHAR(300);
ALTER TABLE release_files ADD COLUMN crc32 BIGINT;
