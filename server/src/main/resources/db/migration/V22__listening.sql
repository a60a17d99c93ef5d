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
    bytes       BIGINT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX film_streams_release ON film_streams (release_id);

-- Films sold to rent: the price, the days a renter has to start, the hours to finish once started.
ALTER TABLE releases ADD COLUMN stream_only BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE releases ADD COLUMN rent_price_minor BIGINT;
ALTER TABLE releases ADD COLUMN rent_start_days INTEGER;
ALTER TABLE releases ADD COLUMN rent_watch_hours INTEGER;

-- A rental's clock, kept here so every instance agrees: it starts at the first playlist fetch.
CREATE TABLE rentals (
    entitlement_id VARCHAR(40) PRIMARY KEY,
    start_by       TIMESTAMP WITH TIME ZONE NOT NULL,
    watch_hours    INTEGER NOT NULL,
    first_play_at  TIMESTAMP WITH TIME ZONE
);
