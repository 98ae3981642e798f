-- The same schema as ../sqlite/0012_job_give_up.sql, in PostgreSQL's types.
ALTER TABLE job_queue ADD COLUMN give_up_at BIGINT;
