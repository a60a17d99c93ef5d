-- A pre-order's files the artist lets buyers have at once; every other file opens on the release date.
ALTER TABLE release_files ADD COLUMN available_now BOOLEAN NOT NULL DEFAULT FALSE;
