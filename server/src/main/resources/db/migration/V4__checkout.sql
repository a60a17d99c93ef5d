-- Checkout: purchases start pending (no entitlement yet) and are confirmed only by a verified
-- provider event, a free checkout, or test payments when the operator turned them on.
ALTER TABLE purchases ALTER COLUMN entitlement_id DROP NOT NULL;
ALTER TABLE purchases ADD COLUMN provider VARCHAR(20);
ALTER TABLE purchases ADD COLUMN provider_ref VARCHAR(200);
ALTER TABLE purchases ADD COLUMN receipt_token_hash VARCHAR(64);
ALTER TABLE purchases ADD COLUMN list_amount_minor BIGINT;
ALTER TABLE purchases ADD COLUMN discount_code VARCHAR(40);
CREATE INDEX purchases_provider_ref ON purchases (provider, provider_ref);
CREATE INDEX purchases_email ON purchases (email);
CREATE INDEX purchases_receipt ON purchases (receipt_token_hash);

-- Each artist's own payment accounts. Secrets are sealed with the master key (AES-256-GCM);
-- the API shows only their last four characters.
CREATE TABLE payment_settings (
    artist_id                    VARCHAR(40) PRIMARY KEY REFERENCES artists (id),
    stripe_secret_key            VARCHAR(600),
    stripe_webhook_secret        VARCHAR(600),
    stripe_account_id            VARCHAR(100),
    btcpay_url                   VARCHAR(500),
    btcpay_store_id              VARCHAR(100),
    btcpay_api_key               VARCHAR(600),
    btcpay_webhook_secret        VARCHAR(600),
    offline_only                 BOOLEAN NOT NULL,
    updated_at                   TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every provider event we acted on, so a duplicate or replay changes nothing.
CREATE TABLE provider_events (
    provider     VARCHAR(20) NOT NULL,
    event_id     VARCHAR(200) NOT NULL,
    artist_id    VARCHAR(40) NOT NULL,
    event_type   VARCHAR(100) NOT NULL,
    purchase_id  VARCHAR(40),
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT provider_events_pk PRIMARY KEY (provider, event_id)
);
