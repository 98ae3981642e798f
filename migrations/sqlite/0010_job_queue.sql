-- The durable job queue (server::queue): the e-mails to send and the applications to deliver
-- to the case backend. A row is written in the same transaction as what caused it, so nothing
-- accepted is lost; a worker in each instance claims rows one at a time under a lease.
CREATE TABLE job_queue (
    id INTEGER PRIMARY KEY,
    -- 'mail' or 'delivery'.
    kind TEXT NOT NULL,
    -- The same job is queued once (a delivery: its application's public id).
    dedup_key TEXT NOT NULL UNIQUE,
    -- What the job needs, as the kind defines it (a mail's is sealed: server::secrets).
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL,
    -- Milliseconds since the epoch: when it may run next, and when a claim runs out (an
    -- instance that died mid-job leaves the row 'running' until then).
    run_at INTEGER NOT NULL,
    lease_until INTEGER,
    claimed_by TEXT,
    -- The last failure, for the staff's operations page (never personal data).
    last_error TEXT,
    created_at INTEGER NOT NULL,
    finished_at INTEGER
);
CREATE INDEX job_queue_due ON job_queue (run_at) WHERE state = 'queued' OR state = 'running';
CREATE INDEX job_queue_finished ON job_queue (state, finished_at);

-- Sending (server::sending): when the applicant sent it, and when the case backend confirmed
-- it received it, under which case id (milliseconds since the epoch).
ALTER TABLE applications ADD COLUMN sent_at INTEGER;
ALTER TABLE applications ADD COLUMN received_at INTEGER;
ALTER TABLE applications ADD COLUMN case_id TEXT;
-- When the case backend fetched a sent application's file (its copy here goes after a grace
-- period).
ALTER TABLE attachment_files ADD COLUMN fetched_at INTEGER;
