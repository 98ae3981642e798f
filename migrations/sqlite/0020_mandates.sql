-- The personal identity code of an employer's account, which e-Authorizations are asked
-- about: set by the administrator, who has verified it (never typed in by the user).
ALTER TABLE users ADD COLUMN identity_code TEXT;

-- The built-in test server of e-Authorizations (development and tests only): its sessions,
-- each with the code and token it gave (each good once) and the answer the tester chose.
CREATE TABLE test_mandate_sessions (
    session_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL UNIQUE,
    identity_code TEXT NOT NULL,
    code TEXT UNIQUE,
    token TEXT,
    business_id TEXT,
    outcome TEXT,
    -- Unix seconds.
    expires_at INTEGER NOT NULL
);
