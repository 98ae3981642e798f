-- The same schema as ../sqlite/0017_request_reminders.sql, in PostgreSQL's types.
ALTER TABLE info_requests ADD COLUMN reminded_at BIGINT;
