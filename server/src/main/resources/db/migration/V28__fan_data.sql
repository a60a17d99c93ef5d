-- Addresses that asked to be forgotten: never mailed again, by their artist (artist_id) or, when
-- the operator erased them, by anyone (artist_id null). Only a SHA-256 of the address is kept,
-- unsalted so the list can move with the artist to another store and still match there.
CREATE TABLE do_not_mail (
    email_hash  VARCHAR(64) NOT NULL,
    artist_id   VARCHAR(40),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX do_not_mail_hash ON do_not_mail (email_hash);
