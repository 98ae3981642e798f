-- The same schema as ../sqlite/0019_own_initiative.sql, in PostgreSQL's types.
ALTER TABLE info_requests ADD COLUMN own_initiative BIGINT NOT NULL DEFAULT 0;
