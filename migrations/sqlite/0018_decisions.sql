-- Decisions the case backend made (`decision-made`), one per decision of a case: its document
-- fetched and kept in the attachments' storage, and how it was served (first opened by the
-- applicant, or reported not opened so that it is posted).
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    -- Random: the decision's address in the portal.
    public_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    decision_id TEXT NOT NULL,
    -- The application's public id and its case, as the reports to the backend name them.
    application_ref TEXT NOT NULL,
    case_id TEXT NOT NULL,
    -- What the event said of the document: a fetched document must match both.
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    -- Unix milliseconds: made (the event's time), and the document fetched and stored.
    made_at INTEGER NOT NULL,
    storage_key TEXT,
    fetched_at INTEGER,
    -- The first opening: when, by which account, and whether that account signs in with a
    -- second step.
    opened_at INTEGER,
    opened_by INTEGER,
    opened_second_step INTEGER CHECK (opened_second_step IN (0, 1)),
    -- When it was found not opened within 7 days of being fetched (and the backend told).
    unopened_at INTEGER,
    UNIQUE (application_id, decision_id)
);
CREATE INDEX decisions_waiting ON decisions (fetched_at) WHERE opened_at IS NULL AND unopened_at IS NULL;
