-- Fans who follow an artist by email. A row is pending until its confirmation link is
-- clicked (only the link's hash is kept), following after that, and left once the fan
-- unsubscribes: a left address is never mailed again by that artist, and no import
-- brings it back. leave_token is in every follower mail's unsubscribe link.
CREATE TABLE followers (
    id               VARCHAR(40) PRIMARY KEY,
    artist_id        VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    email            VARCHAR(320) NOT NULL,
    state            VARCHAR(20) NOT NULL,
    source           VARCHAR(20) NOT NULL,
    confirm_hash     VARCHAR(64),
    confirm_expires  TIMESTAMP WITH TIME ZONE,
    leave_token      VARCHAR(80) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    consented_at     TIMESTAMP WITH TIME ZONE,
    left_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT followers_artist_email UNIQUE (artist_id, email)
);
CREATE UNIQUE INDEX followers_leave_token ON followers (leave_token);
CREATE INDEX followers_confirm_hash ON followers (confirm_hash);
CREATE INDEX followers_artist_state ON followers (artist_id, state);

-- Follow requests per address bucket and per email, so the form cannot flood an inbox.
CREATE TABLE follow_requests (
    bucket        VARCHAR(400) NOT NULL,
    requested_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX follow_requests_bucket ON follow_requests (bucket, requested_at);

-- Buyers who ticked "tell me about new releases": asked to confirm once the purchase is.
CREATE TABLE follow_wishes (
    purchase_id  VARCHAR(40) PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What followers are told about (a release published, a pre-order opened, a note from the
-- artist), each once: the row is written before the job that mails it is queued.
CREATE TABLE announcements (
    id            VARCHAR(80) PRIMARY KEY,
    artist_id     VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    release_id    VARCHAR(40),
    subject       VARCHAR(300) NOT NULL,
    body          VARCHAR(20000) NOT NULL,
    announced_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per follower mailed per announcement, written before the mail leaves: never twice.
CREATE TABLE announcement_mails (
    announcement_id  VARCHAR(80) NOT NULL,
    email            VARCHAR(320) NOT NULL,
    sent_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT announcement_mails_pk PRIMARY KEY (announcement_id, email)
);

-- Bundles: several releases of one artist sold together at one price; includes_future
-- makes it the whole discography, present and to come.
CREATE TABLE bundles (
    id               VARCHAR(40) PRIMARY KEY,
    artist_id        VARCHAR(40) NOT NULL REFERENCES artists (id) ON DELETE CASCADE,
    title            VARCHAR(300) NOT NULL,
    currency         VARCHAR(3) NOT NULL,
    price_minor      BIGINT NOT NULL,
    min_price_minor  BIGINT,
    includes_future  BOOLEAN NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX bundles_artist ON bundles (artist_id);

CREATE TABLE bundle_releases (
    bundle_id   VARCHAR(40) NOT NULL REFERENCES bundles (id) ON DELETE CASCADE,
    release_id  VARCHAR(40) NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    CONSTRAINT bundle_releases_pk PRIMARY KEY (bundle_id, release_id)
);

-- A purchase of a bundle (its purchase row names one release of the bundle), and the free
-- purchase it gave for each other release in it (source 'bundle'), so a refund ends every one.
CREATE TABLE bundle_purchases (
    purchase_id  VARCHAR(40) PRIMARY KEY,
    bundle_id    VARCHAR(40) NOT NULL REFERENCES bundles (id),
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE bundle_grants (
    purchase_id     VARCHAR(40) NOT NULL,
    release_id      VARCHAR(40) NOT NULL,
    part_id         VARCHAR(40) NOT NULL,
    CONSTRAINT bundle_grants_pk PRIMARY KEY (purchase_id, release_id)
);
CREATE INDEX bundle_grants_release ON bundle_grants (release_id);

-- The release date pre-order buyers were last told, so a moved date is mailed to them once.
CREATE TABLE preorder_dates (
    release_id    VARCHAR(40) PRIMARY KEY REFERENCES releases (id) ON DELETE CASCADE,
    release_date  DATE
);
