-- A download of a file (or an album) by a purchase stays open for a resume window. Requests
-- inside it are free while their charges stay within twice the file's size; past that, or
-- once the window has closed, a request starts a new download, which counts against the
-- release's limit. Kept only for releases with a limit: the click decides from this row.
CREATE TABLE download_windows (
    entitlement_id VARCHAR(40) NOT NULL REFERENCES entitlements (id),
    item_id        VARCHAR(40) NOT NULL,
    format         VARCHAR(20) NOT NULL,
    opened_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    open_until     TIMESTAMP WITH TIME ZONE NOT NULL,
    charged_bytes  BIGINT NOT NULL,
    CONSTRAINT download_windows_pk PRIMARY KEY (entitlement_id, item_id, format)
);

-- The download log keeps one row per purchase, file and minute however the requests are
-- spelled (another User-Agent or range no longer makes a new row), and is kept for
-- GATEFOLD_LOG_DAYS.
ALTER TABLE download_log ADD COLUMN format VARCHAR(20) NOT NULL DEFAULT 'original';
CREATE INDEX download_log_time ON download_log (downloaded_at);
