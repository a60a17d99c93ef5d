-- Instance-wide values every Gatefold instance must agree on (keys, the admin token's hash).
-- Secrets are stored encrypted with the master key; hashes only where a value must be checked.
CREATE TABLE instance_settings (
    name        VARCHAR(100) PRIMARY KEY,
    setting_value VARCHAR(4000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
