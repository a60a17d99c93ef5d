-- Storage quota counts what is on its way as well as what is stored: an open resumable
-- upload holds its declared size (its own row), and a streamed PUT holds its bytes here
-- until its file row exists. Rows of an instance that died are swept by the upload janitor.
CREATE TABLE storage_holds (
    id         VARCHAR(40) PRIMARY KEY,
    artist_id  VARCHAR(40) NOT NULL REFERENCES artists (id),
    bytes      BIGINT NOT NULL,
    touched_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX storage_holds_artist ON storage_holds (artist_id);
CREATE INDEX storage_holds_touched ON storage_holds (touched_at);
CREATE INDEX uploads_artist ON uploads (artist_id);

-- Set by the request completing an upload; the row (and so its hold on the quota) stays
-- until the file exists.
ALTER TABLE uploads ADD COLUMN completing_at TIMESTAMP WITH TIME ZONE;

-- A checkout holds one use of its discount code from its start until it is paid (the use
-- is spent) or fails or expires (the use goes back). discount_codes.uses counts both.
CREATE TABLE discount_holds (
    purchase_id VARCHAR(40) PRIMARY KEY,
    discount_id VARCHAR(40) NOT NULL,
    held_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Checkouts already pending when this ran hold their use too, so paying them later
-- cannot spend a use that a new checkout was given meanwhile.
INSERT INTO discount_holds (purchase_id, discount_id, held_at)
SELECT p.id, d.id, p.created_at FROM purchases p
JOIN discount_codes d ON d.artist_id = p.artist_id AND d.code = p.discount_code
WHERE p.status = 'pending';
UPDATE discount_codes SET uses = uses + (
    SELECT COUNT(*) FROM discount_holds h WHERE h.discount_id = discount_codes.id);

CREATE INDEX purchases_pending ON purchases (status, created_at);
