-- Dashboard sign-ins: one row per browser session. Only the SHA-256 hash of the cookie
-- value is stored, so a copy of the database cannot be used to sign in.
CREATE TABLE artist_sessions (
    token_hash  VARCHAR(64) PRIMARY KEY,
    artist_id   VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX artist_sessions_expires ON artist_sessions (expires_at);
CREATE INDEX artist_sessions_artist ON artist_sessions (artist_id);
