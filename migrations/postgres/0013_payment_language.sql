-- The same schema as ../sqlite/0013_payment_language.sql, in PostgreSQL's types.
ALTER TABLE payments ADD COLUMN language TEXT;
