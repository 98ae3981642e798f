-- The same change as ../sqlite/0005_application_revision.sql.
ALTER TABLE applications ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
