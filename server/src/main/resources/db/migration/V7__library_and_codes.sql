-- The fan library: single-use sign-in links sent by email, and the sessions they open.
-- Only SHA-256 hashes of the tokens are stored.
CREATE TABLE library_signin_links (
    token_hash  VARCHAR(64) PRIMARY KEY,
    email       VARCHAR(320) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used        BOOLEAN NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX library_signin_links_expires ON library_signin_links (expires_at);

CREATE TABLE library_sessions (
    token_hash  VARCHAR(64) PRIMARY KEY,
    email       VARCHAR(320) NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX library_sessions_expires ON library_sessions (expires_at);

-- Requests for sign-in links, per address and per email, shared by every instance.
CREATE TABLE library_link_requests (
    bucket        VARCHAR(400) NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX library_link_requests_bucket ON library_link_requests (bucket, requested_at);

-- Download codes: each opens one release for a number of uses, perhaps until a time.
-- Codes are stored normalized (upper case, no dash) and are unique on the server.
CREATE TABLE download_codes (
    code        VARCHAR(16) PRIMARY KEY,
    release_id  VARCHAR(40) NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    artist_id   VARCHAR(40) NOT NULL REFERENCES artists (id),
    max_uses    INTEGER NOT NULL,
    uses        INTEGER NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX download_codes_release ON download_codes (release_id, created_at);

-- Who redeemed which code: one row per code and email, with the purchase it made.
CREATE TABLE download_code_redemptions (
    code         VARCHAR(16) NOT NULL REFERENCES download_codes (code) ON DELETE CASCADE,
    email        VARCHAR(320) NOT NULL,
    purchase_id  VARCHAR(40) NOT NULL REFERENCES purchases (id),
    redeemed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT download_code_redemptions_pk PRIMARY KEY (code, email)
);

-- Wrong codes tried, per address, shared by every instance so guessing is slowed everywhere.
CREATE TABLE download_code_failures (
    bucket     VARCHAR(400) NOT NULL,
    failed_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX download_code_failures_bucket ON download_code_failures (bucket, failed_at);
