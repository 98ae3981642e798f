-- People who log in: applicants, employers' representatives and staff.
CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    -- Stored trimmed and lowercased, so one address is one account.
    email TEXT NOT NULL UNIQUE,
    -- An Argon2id PHC string; never the password.
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('applicant', 'employer', 'staff')),
    language TEXT NOT NULL DEFAULT 'fi' CHECK (language IN ('fi', 'sv', 'en')),
    email_verified_at TEXT,
    created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Who did what to an account, when and from where. Never a password or an identity code.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
    event TEXT NOT NULL,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    client TEXT
);
CREATE INDEX audit_log_user ON audit_log (user_id, occurred_at);
