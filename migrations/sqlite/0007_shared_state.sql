-- What several instances must share, kept in the database: sessions, rate limits and the
-- schedule of jobs. Times are Unix seconds (milliseconds where named so).

-- Sessions, kept by the portal's own store (accounts::session::Store); the table the previous
-- store made for itself goes, which signs everyone out once.
DROP TABLE IF EXISTS tower_sessions;
CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    -- The session's record (its data and expiry) as JSON.
    record TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

-- Tries counted per key (accounts::limits): the "theoretical arrival time" of the key's next
-- try, in milliseconds. Keys are keyed hashes, never an address in the clear.
CREATE TABLE rate_limits (
    key TEXT NOT NULL PRIMARY KEY,
    arrival_ms INTEGER NOT NULL
);
CREATE INDEX rate_limits_arrival ON rate_limits (arrival_ms);

-- Jobs that run on one instance at a time (server::jobs): an instance runs a job when it is the
-- one that moves `next_run_at` on.
CREATE TABLE scheduled_jobs (
    name TEXT NOT NULL PRIMARY KEY,
    next_run_at INTEGER NOT NULL,
    last_run_by TEXT,
    runs INTEGER NOT NULL DEFAULT 0
);

-- One open draft per user and kind, also when two starts arrive at two instances at once.
CREATE UNIQUE INDEX applications_one_draft ON applications (user_id, kind) WHERE state = 'draft';
