-- One-time codes sent by e-mail (verifying an address; later, resetting a password).
-- Only a hash of the code is kept. Times are Unix seconds.
CREATE TABLE email_codes (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL CHECK (purpose IN ('verify-email')),
    code_hash TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    used_at INTEGER
);
CREATE INDEX email_codes_user ON email_codes (user_id, purpose);
