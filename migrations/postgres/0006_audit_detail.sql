-- The same change as ../sqlite/0006_audit_detail.sql.
ALTER TABLE audit_log ADD COLUMN detail TEXT;
