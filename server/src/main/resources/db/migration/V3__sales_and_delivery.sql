-- Purchases, the entitlements they create, download-link signing keys, and download counts.

-- A per-release cap on downloads per file per purchase; null means unlimited.
ALTER TABLE releases ADD COLUMN download_limit INTEGER;

CREATE TABLE entitlements (
    id          VARCHAR(40) PRIMARY KEY,
    release_id  VARCHAR(40) NOT NULL REFERENCES releases (id),
    email       VARCHAR(320) NOT NULL,
    status      VARCHAR(12) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX entitlements_release ON entitlements (release_id);
CREATE INDEX entitlements_email ON entitlements (email);

CREATE TABLE purchases (
    id             VARCHAR(40) PRIMARY KEY,
    release_id     VARCHAR(40) NOT NULL REFERENCES releases (id),
    artist_id      VARCHAR(40) NOT NULL REFERENCES artists (id),
    entitlement_id VARCHAR(40) NOT NULL REFERENCES entitlements (id),
    email          VARCHAR(320) NOT NULL,
    amount_minor   BIGINT NOT NULL,
    currency       VARCHAR(3) NOT NULL,
    status         VARCHAR(12) NOT NULL,
    source         VARCHAR(20) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX purchases_release ON purchases (release_id);
CREATE INDEX purchases_artist ON purchases (artist_id);

-- HS256 keys for download links, sealed with the master key. One is active; retired keys
-- keep verifying until every link they signed has expired.
CREATE TABLE link_keys (
    kid            VARCHAR(40) PRIMARY KEY,
    sealed_secret  VARCHAR(400) NOT NULL,
    active         BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    verify_until   TIMESTAMP WITH TIME ZONE
);

-- Downloads that started at byte 0, per entitlement and file: the allowance counter.
CREATE TABLE download_counts (
    entitlement_id VARCHAR(40) NOT NULL REFERENCES entitlements (id),
    file_id        VARCHAR(40) NOT NULL,
    downloads      INTEGER NOT NULL,
    CONSTRAINT download_counts_pk PRIMARY KEY (entitlement_id, file_id)
);

-- Every download request that sent bytes, for the artist's statistics. Addresses are kept
-- only as a hash with a daily salt, so they can be told apart within a day and not traced.
CREATE TABLE download_log (
    id             VARCHAR(40) PRIMARY KEY,
    entitlement_id VARCHAR(40) NOT NULL,
    release_id     VARCHAR(40) NOT NULL,
    file_id        VARCHAR(40) NOT NULL,
    downloaded_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    byte_range     VARCHAR(100),
    counted        BOOLEAN NOT NULL,
    user_agent     VARCHAR(300),
    ip_hash        VARCHAR(64)
);
CREATE INDEX download_log_release ON download_log (release_id, downloaded_at);
