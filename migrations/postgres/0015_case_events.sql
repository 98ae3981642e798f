-- The same schema as ../sqlite/0015_case_events.sql, in PostgreSQL's types.
CREATE TABLE case_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    application_id BIGINT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    occurred_at BIGINT NOT NULL,
    received_at BIGINT NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX case_events_by_application ON case_events (application_id, occurred_at);
CREATE INDEX case_events_by_received ON case_events (received_at);
