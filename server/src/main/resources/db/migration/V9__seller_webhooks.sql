-- Seller webhooks: the artist's own systems hear about sales, refunds and disputes.
CREATE TABLE seller_webhooks (
    id             VARCHAR(40) PRIMARY KEY,
    artist_id      VARCHAR(40) NOT NULL REFERENCES artists (id),
    url            VARCHAR(2000) NOT NULL,
    sealed_secret  VARCHAR(600) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX seller_webhooks_artist ON seller_webhooks (artist_id);

-- Every delivery and its attempts, for the artist's delivery log and for retries with backoff.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(40) PRIMARY KEY,
    webhook_id       VARCHAR(40) NOT NULL REFERENCES seller_webhooks (id) ON DELETE CASCADE,
    event_type       VARCHAR(40) NOT NULL,
    payload          VARCHAR(20000) NOT NULL,
    status           VARCHAR(12) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_status      INTEGER,
    last_error       VARCHAR(500),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    delivered_at     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX webhook_deliveries_hook ON webhook_deliveries (webhook_id, created_at);
