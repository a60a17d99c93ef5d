-- Identical requests that arrive together (the same fan, file, range, address and browser
-- within one write of the download log, a fraction of a second) are kept as one row with
-- their number. A download manager or a script hammering one link then adds a row per
-- write, not per request, and cannot fill the database; statistics add the numbers up.
ALTER TABLE download_log ADD COLUMN requests INTEGER NOT NULL DEFAULT 1;
