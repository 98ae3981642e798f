-- The same schema as ../sqlite/0018_decisions.sql, in PostgreSQL's types.
CREATE TABLE decisions (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    decision_id TEXT NOT NULL,
    application_ref TEXT NOT NULL,
    case_id TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    made_at BIGINT NOT NULL,
    storage_key TEXT,
    fetched_at BIGINT,
    opened_at BIGINT,
    opened_by BIGINT,
    opened_second_step BIGINT CHECK (opened_second_step IN (0, 1)),
    unopened_at BIGINT,
    UNIQUE (application_id, decision_id)
);
CREATE INDEX decisions_waiting ON decisions (fetched_at) WHERE opened_at IS NULL AND unopened_at IS NULL;
