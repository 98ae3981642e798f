-- The same schema as ../sqlite/0016_info_requests.sql, in PostgreSQL's types.
CREATE TABLE info_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    request_id TEXT NOT NULL,
    due TEXT NOT NULL,
    questions TEXT NOT NULL,
    documents TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    answered_at BIGINT,
    UNIQUE (application_id, request_id)
);

CREATE TABLE replies (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    request_id BIGINT REFERENCES info_requests (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    late BIGINT NOT NULL CHECK (late IN (0, 1)),
    sent_at BIGINT NOT NULL,
    received_at BIGINT
);
CREATE INDEX replies_by_application ON replies (application_id);
