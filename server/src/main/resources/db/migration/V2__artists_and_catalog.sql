-- Artists, their API tokens, releases, files and resumable uploads.
-- Ids are opaque random strings with a readable prefix (art_, tok_, rel_, fil_, upl_).

CREATE TABLE artists (
    id                  VARCHAR(40) PRIMARY KEY,
    slug                VARCHAR(80) NOT NULL,
    name                VARCHAR(200) NOT NULL,
    email               VARCHAR(320) NOT NULL,
    password_hash       VARCHAR(200),
    bio                 VARCHAR(8000) NOT NULL DEFAULT '',
    links               VARCHAR(4000) NOT NULL DEFAULT '[]',
    default_currency    VARCHAR(3) NOT NULL DEFAULT 'EUR',
    storage_quota_bytes BIGINT,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT artists_slug_unique UNIQUE (slug),
    CONSTRAINT artists_email_unique UNIQUE (email)
);

CREATE TABLE api_tokens (
    id           VARCHAR(40) PRIMARY KEY,
    artist_id    VARCHAR(40) NOT NULL REFERENCES artists (id),
    token_hash   VARCHAR(64) NOT NULL,
    label        VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_hash_unique UNIQUE (token_hash)
);
CREATE INDEX api_tokens_artist ON api_tokens (artist_id);

-- Failed sign-ins, shared by every instance so rate limits hold behind a load balancer.
CREATE TABLE login_failures (
    bucket     VARCHAR(400) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX login_failures_bucket ON login_failures (bucket, failed_at);

CREATE TABLE releases (
    id              VARCHAR(40) PRIMARY KEY,
    artist_id       VARCHAR(40) NOT NULL REFERENCES artists (id),
    slug            VARCHAR(120) NOT NULL,
    title           VARCHAR(300) NOT NULL,
    kind            VARCHAR(10) NOT NULL,
    description     VARCHAR(20000) NOT NULL DEFAULT '',
    release_date    DATE,
    pricing         VARCHAR(10) NOT NULL,
    currency        VARCHAR(3) NOT NULL,
    price_minor     BIGINT,
    min_price_minor BIGINT,
    status          VARCHAR(12) NOT NULL,
    licence         VARCHAR(40) NOT NULL,
    credits         VARCHAR(8000) NOT NULL DEFAULT '',
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT releases_slug_unique UNIQUE (artist_id, slug)
);

CREATE TABLE release_files (
    id           VARCHAR(40) PRIMARY KEY,
    release_id   VARCHAR(40) NOT NULL REFERENCES releases (id),
    name         VARCHAR(255) NOT NULL,
    role         VARCHAR(10) NOT NULL,
    position     INTEGER NOT NULL,
    size         BIGINT NOT NULL,
    content_type VARCHAR(100) NOT NULL,
    sha256       VARCHAR(64),
    blob_key     VARCHAR(512) NOT NULL,
    verified     BOOLEAN NOT NULL,
    verify_claimed_at TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT release_files_name_unique UNIQUE (release_id, name)
);
CREATE INDEX release_files_blob ON release_files (blob_key);
CREATE INDEX release_files_unverified ON release_files (verified);

-- Resumable uploads in progress. Which parts arrived is asked of the store, never kept here,
-- so any instance can answer and nothing drifts.
CREATE TABLE uploads (
    id              VARCHAR(40) PRIMARY KEY,
    release_id      VARCHAR(40) NOT NULL REFERENCES releases (id),
    artist_id       VARCHAR(40) NOT NULL REFERENCES artists (id),
    name            VARCHAR(255) NOT NULL,
    role            VARCHAR(10) NOT NULL,
    size            BIGINT NOT NULL,
    content_type    VARCHAR(100) NOT NULL,
    part_size       BIGINT NOT NULL,
    part_count      INTEGER NOT NULL,
    blob_key        VARCHAR(512) NOT NULL,
    store_upload_id VARCHAR(1024) NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    touched_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX uploads_touched ON uploads (touched_at);
