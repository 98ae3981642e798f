-- The same schema as ../sqlite/0004_applications.sql, in PostgreSQL's types.
CREATE TABLE applications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'ready-to-pay', 'sent')),
    answers JSONB NOT NULL,
    reference TEXT UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX applications_user ON applications (user_id, updated_at);
CREATE INDEX applications_expiry ON applications (state, expires_at);
