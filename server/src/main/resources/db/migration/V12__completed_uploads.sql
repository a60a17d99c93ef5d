-- Uploads that finished, kept for a day: a client whose "complete" request succeeded but
-- whose answer was lost asks again, and gets the file that was made instead of a 404.
CREATE TABLE completed_uploads (
    upload_id    VARCHAR(40) PRIMARY KEY,
    artist_id    VARCHAR(40) NOT NULL,
    blob_key     VARCHAR(512) NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX completed_uploads_at ON completed_uploads (completed_at);
