-- Subtitles an artist uploaded for a film, one per language, stored as WebVTT. They belong to the
-- release, not to one packaged master, so a replaced master keeps them.
CREATE TABLE film_subtitles (
    release_id VARCHAR(40) NOT NULL,
    language   VARCHAR(35) NOT NULL,
    name       VARCHAR(80) NOT NULL,
    blob_key   VARCHAR(300) NOT NULL,
    bytes      BIGINT NOT NULL,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (release_id, language)
);

-- The trailer the artist chose: a clip of the film (start and length) or one of the release's
-- video files. No row: a 30 s clip from a tenth of the way in.
CREATE TABLE film_trailer_choices (
    release_id VARCHAR(40) PRIMARY KEY,
    start_ms   BIGINT,
    length_ms  BIGINT,
    file_id    VARCHAR(40),
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A trailer made to the artist's choice, keyed by a hash of its source and the choice.
CREATE TABLE film_trailers (
    trailer_key VARCHAR(64) PRIMARY KEY,
    artist_id   VARCHAR(40) NOT NULL,
    release_id  VARCHAR(40) NOT NULL,
    blob_key    VARCHAR(300) NOT NULL,
    bytes       BIGINT NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX film_trailers_release ON film_trailers (release_id);

-- When a package stopped being what its release plays (a new master, the release deleted): the
-- sweep deletes it a day later, so a fan in the middle of the film can finish.
ALTER TABLE film_streams ADD COLUMN superseded_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE film_trailers ADD COLUMN superseded_at TIMESTAMP WITH TIME ZONE;
