-- The same schema as ../sqlite/0014_payment_confirming.sql, in PostgreSQL's types.
ALTER TABLE payments ADD COLUMN confirming BIGINT NOT NULL DEFAULT 0 CHECK (confirming IN (0, 1));
