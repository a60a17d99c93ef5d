-- Books stamped with their buyer. The wording a release's copies carry (no row: the default
-- "Licensed to NAME (EMAIL) · order ORDER · DATE").
CREATE TABLE stamp_wordings (
    release_id  VARCHAR(40) PRIMARY KEY,
    wording     VARCHAR(300) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The artist's choice per file (no row: stamped, for every PDF and EPUB of a book release).
CREATE TABLE stamp_choices (
    file_id     VARCHAR(40) PRIMARY KEY,
    release_id  VARCHAR(40) NOT NULL,
    stamped     BOOLEAN NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX stamp_choices_release ON stamp_choices (release_id);

-- What preparing a book file for stamping gave, keyed by file and blob (a replaced file is
-- prepared again): ready with its template and the blob copies are cut from (the master
-- itself, or a rewritten copy), or failed with the reason the artist reads.
CREATE TABLE book_stamps (
    file_id      VARCHAR(40) NOT NULL,
    blob_key     VARCHAR(300) NOT NULL,
    release_id   VARCHAR(40) NOT NULL,
    state        VARCHAR(12) NOT NULL,
    reason       VARCHAR(1000),
    notes        VARCHAR(2000),
    template     BYTEA,
    base_key     VARCHAR(300),
    copy_length  BIGINT,
    prepared_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT book_stamps_pk PRIMARY KEY (file_id, blob_key)
);
CREATE INDEX book_stamps_release ON book_stamps (release_id);
