-- Ending sessions: each session records the account's generation when it signed in. Changing
-- or resetting the password moves the generation on, and every older session is refused.
ALTER TABLE users ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;

-- The second factor: a TOTP secret (base32), set once the user has proved their app has it,
-- and the last time step accepted, so one code cannot be used twice.
ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;

-- Single-use recovery codes for a lost authenticator. Only hashes are kept.
CREATE TABLE recovery_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    used_at INTEGER
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);

-- Codes now also reset passwords and confirm a new address (kept with the code until it is
-- entered). Unused codes are short-lived, so the table is recreated rather than migrated.
DROP TABLE email_codes;
CREATE TABLE email_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify-email', 'reset-password', 'change-email')),
    code_hash TEXT NOT NULL,
    new_email TEXT,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
);
CREATE INDEX email_codes_user ON email_codes (user_id, purpose);
