-- Applications, from the first saved step to sending. A draft is kept 90 days from its last
-- save. The account link goes when the account is deleted; sent applications stay, as the law
-- requires (drafts are deleted with the account by the application code).
CREATE TABLE applications (
    id INTEGER PRIMARY KEY,
    -- Random and unguessable: the only identifier in URLs.
    public_id TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    -- The definition version the draft was started on.
    version INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'ready-to-pay', 'sent')),
    -- The answers as JSON (forms::answers::Answers).
    answers TEXT NOT NULL,
    -- Given when the declaration is made: what the applicant quotes from then on.
    reference TEXT UNIQUE,
    -- Unix seconds.
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX applications_user ON applications (user_id, updated_at);
CREATE INDEX applications_expiry ON applications (state, expires_at);
