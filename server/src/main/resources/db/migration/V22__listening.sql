-- What a visitor may hear of each track before buying: a clip (start and length), the whole
-- track, or nothing. No row: the default clip, 30 s from a third of the way in.
CREATE TABLE track_previews (
    file_id    VARCHAR(40) PRIMARY KEY,
    mode       VARCHAR(8) NOT NULL,
    start_ms   BIGINT,
    length_ms  BIGINT,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A film packaged for streaming: HLS renditions stored under one content-hash prefix.
CREATE TABLE film_streams (
    stream_key  VARCHAR(64) PRIMARY KEY,
    artist_id   VARCHAR(40) NOT NULL,
    release_id  VARCHAR(40) NOT NULL,
    file_id     VARCHAR(40) NOT NULL,
    prefix      VARCHAR(300) NOT NULL,
    renditions  VARCHAR(200) NOT NULL,
    trailer     BOOLEAN NOT NULL,
    bytes       BIGINT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX film_streams_release ON film_streams (release_id);

-- How a film is sold beyond the release's price: stream-only (no download of the master), and
-- to rent: the price, the days a renter has to start, the hours to finish once started.
CREATE TABLE film_offers (
    release_id       VARCHAR(40) PRIMARY KEY,
    stream_only      BOOLEAN NOT NULL,
    rent_price_minor BIGINT,
    rent_start_days  INTEGER NOT NULL,
    rent_watch_hours INTEGER NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A rental's clock, kept here so every instance agrees: it starts at the first playlist fetch.
CREATE TABLE rentals (
    entitlement_id VARCHAR(40) PRIMARY KEY,
    start_by       TIMESTAMP WITH TIME ZONE NOT NULL,
    watch_hours    INTEGER NOT NULL,
    first_play_at  TIMESTAMP WITH TIME ZONE
);
