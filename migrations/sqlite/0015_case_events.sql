-- What the case backend reports about a sent application (`POST /case-backend/v1/events`):
-- each event once, by the backend's id, whichever instance took it and however often it came.
CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    event_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- Unix milliseconds: when it happened at the backend, and when the portal took it.
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    -- The event's own fields (the identity visit's place and date), as JSON.
    detail TEXT NOT NULL
);
CREATE INDEX case_events_by_application ON case_events (application_id, occurred_at);
CREATE INDEX case_events_by_received ON case_events (received_at);
