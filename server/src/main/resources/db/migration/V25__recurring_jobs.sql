-- Mail waiting to go out by SMTP: the job queue's mail.send job (key = id) sends it and deletes
-- the row, so a mail survives a restart or a killed instance. A body is too big for a job's payload.
-- headers: extra header lines (List-Unsubscribe), one "Name: value" per line.
CREATE TABLE mail_waiting (
    id          VARCHAR(40) PRIMARY KEY,
    to_address  VARCHAR(320) NOT NULL,
    reply_to    VARCHAR(320),
    subject     VARCHAR(300) NOT NULL,
    body        VARCHAR(100000) NOT NULL,
    headers     VARCHAR(4000),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
