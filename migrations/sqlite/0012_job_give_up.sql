-- A job tried for a time rather than a number of runs (a delivery rides out an outage of
-- hours): after give_up_at (Unix milliseconds) a failure is final.
ALTER TABLE job_queue ADD COLUMN give_up_at INTEGER;
