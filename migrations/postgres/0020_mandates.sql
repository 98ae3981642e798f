-- The same schema as ../sqlite/0020_mandates.sql, in PostgreSQL's types.
ALTER TABLE users ADD COLUMN identity_code TEXT;

CREATE TABLE test_mandate_sessions (
    session_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE,
    identity_code TEXT NOT NULL,
    code TEXT UNIQUE,
    token TEXT,
    business_id TEXT,
    outcome TEXT,
    expires_at BIGINT NOT NULL
);
