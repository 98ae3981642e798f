-- The same schema as ../sqlite/0022_trust.sql, in PostgreSQL's types.
CREATE TABLE message_codes (
    hash TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    sent_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX message_codes_expiry ON message_codes (expires_at);

CREATE TABLE suspicious_reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    received_at BIGINT NOT NULL,
    token TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    handled_at BIGINT,
    handled_by BIGINT REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX suspicious_reports_received ON suspicious_reports (received_at);
