-- The same schema as ../sqlite/0011_audit_repeats.sql, in PostgreSQL's types.
ALTER TABLE audit_log ADD COLUMN repeats BIGINT NOT NULL DEFAULT 0;
