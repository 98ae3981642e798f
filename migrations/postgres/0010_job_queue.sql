-- The same schema as ../sqlite/0010_job_queue.sql, in PostgreSQL's types.
CREATE TABLE job_queue (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind TEXT NOT NULL,
    dedup_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'dead')),
    attempts BIGINT NOT NULL DEFAULT 0,
    max_attempts BIGINT NOT NULL,
    run_at BIGINT NOT NULL,
    lease_until BIGINT,
    claimed_by TEXT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX job_queue_due ON job_queue (run_at) WHERE state = 'queued' OR state = 'running';
CREATE INDEX job_queue_finished ON job_queue (state, finished_at);

ALTER TABLE applications ADD COLUMN sent_at BIGINT;
ALTER TABLE applications ADD COLUMN received_at BIGINT;
ALTER TABLE applications ADD COLUMN case_id TEXT;
ALTER TABLE attachment_files ADD COLUMN fetched_at BIGINT;
