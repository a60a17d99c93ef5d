-- The download format a fan chose last, per release and (release_id null) for everything
-- they get next. Fans are known by a salted hash of their email, never the address itself.
CREATE TABLE fan_preferences (
    email_hash  VARCHAR(64) NOT NULL,
    release_id  VARCHAR(40) REFERENCES releases (id) ON DELETE CASCADE,
    format      VARCHAR(20) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX fan_preferences_email ON fan_preferences (email_hash, release_id);
CREATE INDEX fan_preferences_release ON fan_preferences (release_id);
