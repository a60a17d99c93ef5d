-- Taxes and invoices: the artist is the seller of record. All of it stays empty for an
-- artist who never fills in a seller profile, and then nothing of taxes shows anywhere.

CREATE TABLE seller_profiles (
    artist_id            VARCHAR(40) PRIMARY KEY REFERENCES artists (id),
    legal_name           VARCHAR(200) NOT NULL,
    address              VARCHAR(1000) NOT NULL,
    tax_id               VARCHAR(40) NOT NULL,
    invoice_prefix       VARCHAR(20) NOT NULL,
    invoices             BOOLEAN NOT NULL,
    prices_include_tax   BOOLEAN NOT NULL,
    stripe_automatic_tax BOOLEAN NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The artist's own rates per buyer country (ISO 3166-1 alpha-2), in percent. No built-in table:
-- rates change, and which countries an artist must charge is theirs to know.
CREATE TABLE tax_rates (
    artist_id VARCHAR(40) NOT NULL REFERENCES artists (id),
    country   VARCHAR(2) NOT NULL,
    rate      NUMERIC(7,4) NOT NULL,
    label     VARCHAR(40) NOT NULL,
    CONSTRAINT tax_rates_pk PRIMARY KEY (artist_id, country)
);

-- How a purchase's price splits into net and tax. amount_minor stays the total the fan pays;
-- these stay null for purchases of artists who charge no tax.
ALTER TABLE purchases ADD COLUMN tax_country VARCHAR(2);
ALTER TABLE purchases ADD COLUMN tax_rate NUMERIC(7,4);
ALTER TABLE purchases ADD COLUMN tax_label VARCHAR(40);
ALTER TABLE purchases ADD COLUMN net_minor BIGINT;
ALTER TABLE purchases ADD COLUMN tax_minor BIGINT;

-- What a business buyer gives for their invoice, at checkout or later from the receipt page.
CREATE TABLE invoice_buyers (
    purchase_id VARCHAR(40) PRIMARY KEY REFERENCES purchases (id),
    name        VARCHAR(200) NOT NULL,
    address     VARCHAR(1000) NOT NULL,
    tax_id      VARCHAR(40) NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One counter per artist and series ('invoice', 'credit_note'). The transaction that confirms
-- (or refunds) a purchase locks its row FOR UPDATE, takes the next number and writes the
-- document, so numbers are gapless on any number of instances. It starts again at 1 each year.
CREATE TABLE invoice_counters (
    artist_id      VARCHAR(40) NOT NULL REFERENCES artists (id),
    series         VARCHAR(12) NOT NULL,
    counter_year   INTEGER NOT NULL,
    last_number    INTEGER NOT NULL,
    last_issued_at TIMESTAMP WITH TIME ZONE,
    CONSTRAINT invoice_counters_pk PRIMARY KEY (artist_id, series)
);

-- Invoices and credit notes as issued: seller, item and amounts are copied in, so a document
-- reads the same after the artist edits their profile or renames the release.
CREATE TABLE invoices (
    id             VARCHAR(40) PRIMARY KEY,
    artist_id      VARCHAR(40) NOT NULL REFERENCES artists (id),
    purchase_id    VARCHAR(40) NOT NULL REFERENCES purchases (id),
    kind           VARCHAR(12) NOT NULL,
    series_year    INTEGER NOT NULL,
    seq            INTEGER NOT NULL,
    doc_number     VARCHAR(60) NOT NULL,
    corrects       VARCHAR(60),
    issued_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    token_hash     VARCHAR(64) NOT NULL,
    sealed_token   VARCHAR(400) NOT NULL,
    seller_name    VARCHAR(200) NOT NULL,
    seller_address VARCHAR(1000) NOT NULL,
    seller_tax_id  VARCHAR(40) NOT NULL,
    buyer_email    VARCHAR(320) NOT NULL,
    item           VARCHAR(300) NOT NULL,
    currency       VARCHAR(3) NOT NULL,
    net_minor      BIGINT NOT NULL,
    tax_minor      BIGINT NOT NULL,
    total_minor    BIGINT NOT NULL,
    tax_rate       NUMERIC(7,4),
    tax_label      VARCHAR(40),
    tax_country    VARCHAR(2),
    CONSTRAINT invoices_number_unique UNIQUE (artist_id, kind, series_year, seq),
    CONSTRAINT invoices_purchase_unique UNIQUE (purchase_id, kind)
);
CREATE INDEX invoices_token ON invoices (token_hash);
CREATE INDEX invoices_issued ON invoices (artist_id, issued_at);
