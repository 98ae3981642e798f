-- Requests for additional information the case backend made of an applicant
-- (`additional-information-requested`), each once per case by the backend's id.
CREATE TABLE info_requests (
    id INTEGER PRIMARY KEY,
    -- Random: the request's address in the portal.
    public_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    request_id TEXT NOT NULL,
    -- YYYY-MM-DD, the last day; a `request-deadline-extended` event moves it.
    due TEXT NOT NULL,
    -- What is asked (JSON: questions with their texts per language) and the documents asked
    -- for (JSON: attachment ids).
    questions TEXT NOT NULL,
    documents TEXT NOT NULL,
    -- Unix milliseconds.
    created_at INTEGER NOT NULL,
    answered_at INTEGER,
    UNIQUE (application_id, request_id)
);

-- The applicant's replies: to a request, or on their own initiative (no request), each sent
-- on to the case backend through the job queue as a document of its own.
CREATE TABLE replies (
    id INTEGER PRIMARY KEY,
    public_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    request_id INTEGER REFERENCES info_requests (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    -- 1 when sent after the request's last day.
    late INTEGER NOT NULL CHECK (late IN (0, 1)),
    -- Unix milliseconds: sent by the applicant, and received by the case backend.
    sent_at INTEGER NOT NULL,
    received_at INTEGER
);
CREATE INDEX replies_by_application ON replies (application_id);
