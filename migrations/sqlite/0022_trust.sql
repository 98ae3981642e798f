-- What lets anyone tell the service's messages from a scam's (server::mail::codes,
-- server::trust).
--
-- `message_codes`: one row per message sent. `hash`: the keyed hash of its message code (the
-- code itself is only in the message); `kind`: which message (`verify`, `news`, …); Unix
-- seconds: when it was made, and when its code stops checking as genuine.
CREATE TABLE message_codes (
    hash TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    sent_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX message_codes_expiry ON message_codes (expires_at);

-- Reports of suspicious messages and calls, from anyone. `token`: the keyed hash of the form's
-- token it came with, so that a token files one report; `content`: the report as typed
-- (sealed, server::secrets: it can hold the reporter's contact); Unix seconds: when it came,
-- and when a member of staff (`handled_by`) marked it handled.
CREATE TABLE suspicious_reports (
    id INTEGER PRIMARY KEY,
    received_at INTEGER NOT NULL,
    token TEXT NOT NULL UNIQUE,
    content TEXT NOT NULL,
    handled_at INTEGER,
    handled_by INTEGER REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX suspicious_reports_received ON suspicious_reports (received_at);
