-- Mail that did not go out by SMTP (none configured, or the server kept failing), kept for
-- the admin to read and pass on. Bodies hold download and sign-in links: admin eyes only.
CREATE TABLE mail_outbox (
    id          VARCHAR(40) PRIMARY KEY,
    to_address  VARCHAR(320) NOT NULL,
    subject     VARCHAR(300) NOT NULL,
    body        VARCHAR(100000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sent        BOOLEAN NOT NULL
);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
