-- Places (email, address bucket) where an artist has signed in successfully, as an HMAC
-- under a key sealed with the master key: the database alone never tells where anyone is.
-- A full failure count does not lock an artist out of a place they are known at.
CREATE TABLE known_signins (
    pair_hash  VARCHAR(64) PRIMARY KEY,
    last_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX known_signins_last ON known_signins (last_at);

-- Emailed sign-in links for artists: single use, short-lived, only the hash is stored.
CREATE TABLE artist_signin_links (
    token_hash  VARCHAR(64) PRIMARY KEY,
    artist_id   VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    used        BOOLEAN NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX artist_signin_links_expires ON artist_signin_links (expires_at);

-- Requests for those links, per address bucket and per email.
CREATE TABLE artist_link_requests (
    bucket        VARCHAR(400) NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX artist_link_requests_bucket ON artist_link_requests (bucket, requested_at);

-- Checkouts that cost nothing, per address bucket and per email (never per release).
CREATE TABLE free_checkouts (
    bucket          VARCHAR(400) NOT NULL,
    checked_out_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX free_checkouts_bucket ON free_checkouts (bucket, checked_out_at);

-- Artists' mails about free downloads: how many went one by one in each hour, and the
-- rest waiting for that hour's digest.
CREATE TABLE free_sale_hours (
    artist_id   VARCHAR(40) NOT NULL,
    hour_start  TIMESTAMP WITH TIME ZONE NOT NULL,
    mailed      INTEGER NOT NULL,
    CONSTRAINT free_sale_hours_pk PRIMARY KEY (artist_id, hour_start)
);

CREATE TABLE free_sale_digest (
    purchase_id    VARCHAR(40) PRIMARY KEY,
    artist_id      VARCHAR(40) NOT NULL,
    hour_start     TIMESTAMP WITH TIME ZONE NOT NULL,
    email          VARCHAR(320) NOT NULL,
    release_title  VARCHAR(300) NOT NULL,
    noted_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX free_sale_digest_hour ON free_sale_digest (hour_start, artist_id);
