-- The same schema as ../sqlite/0023_session_account.sql, in PostgreSQL's types.
ALTER TABLE sessions ADD COLUMN user_id BIGINT;
