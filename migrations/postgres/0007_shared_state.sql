-- The same schema as ../sqlite/0007_shared_state.sql, in PostgreSQL's types.
CREATE TABLE sessions (
    id TEXT NOT NULL PRIMARY KEY,
    record TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expiry ON sessions (expires_at);

CREATE TABLE rate_limits (
    key TEXT NOT NULL PRIMARY KEY,
    arrival_ms BIGINT NOT NULL
);
CREATE INDEX rate_limits_arrival ON rate_limits (arrival_ms);

CREATE TABLE scheduled_jobs (
    name TEXT NOT NULL PRIMARY KEY,
    next_run_at BIGINT NOT NULL,
    last_run_by TEXT,
    runs BIGINT NOT NULL DEFAULT 0
);

CREATE UNIQUE INDEX applications_one_draft ON applications (user_id, kind) WHERE state = 'draft';
