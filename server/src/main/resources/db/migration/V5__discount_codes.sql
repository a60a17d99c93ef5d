-- Discount codes: percent or fixed amount off, for one release or all of an artist's,
-- within an optional window and number of uses.
CREATE TABLE discount_codes (
    id           VARCHAR(40) PRIMARY KEY,
    artist_id    VARCHAR(40) NOT NULL REFERENCES artists (id),
    release_id   VARCHAR(40) REFERENCES releases (id),
    code         VARCHAR(40) NOT NULL,
    percent_off  INTEGER,
    amount_off   BIGINT,
    currency     VARCHAR(3),
    starts_at    TIMESTAMP WITH TIME ZONE,
    ends_at      TIMESTAMP WITH TIME ZONE,
    max_uses     INTEGER,
    uses         INTEGER NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT discount_codes_unique UNIQUE (artist_id, code)
);
