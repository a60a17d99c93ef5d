-- "Export everything" from the dashboard: one row per archive an artist asked for. While it is
-- queued or being built, building_for holds the artist's id: its unique constraint keeps one
-- export at a time per artist (several NULLs are allowed on H2 and PostgreSQL alike). The
-- download link's token is kept as a SHA-256 (to check a click) and sealed with the master key
-- (to show the link again); the archive itself is a blob under exports/ in the store.
CREATE TABLE artist_exports (
    id            VARCHAR(40) PRIMARY KEY,
    artist_id     VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    building_for  VARCHAR(40) UNIQUE,
    state         VARCHAR(16) NOT NULL,
    job_id        VARCHAR(40),
    blob_key      VARCHAR(512) NOT NULL,
    size_bytes    BIGINT,
    token_hash    VARCHAR(64),
    sealed_token  VARCHAR(400),
    error         VARCHAR(1000),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ready_at      TIMESTAMP WITH TIME ZONE,
    expires_at    TIMESTAMP WITH TIME ZONE
);
CREATE INDEX artist_exports_artist ON artist_exports (artist_id, created_at);
CREATE INDEX artist_exports_expires ON artist_exports (expires_at);

-- A buyers' CSV the artist uploaded in the dashboard, kept while they confirm its columns
-- (a day at most), so the confirming form need not carry the file again.
CREATE TABLE buyer_csv_drafts (
    id          VARCHAR(40) PRIMARY KEY,
    artist_id   VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    release_id  VARCHAR(40) NOT NULL,
    file_name   VARCHAR(200) NOT NULL,
    csv_text    TEXT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX buyer_csv_drafts_created ON buyer_csv_drafts (created_at);
