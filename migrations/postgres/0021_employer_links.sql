-- The same schema as ../sqlite/0021_employer_links.sql, in PostgreSQL's types.
ALTER TABLE applications ADD COLUMN employer TEXT;
ALTER TABLE applications ADD COLUMN organisation TEXT;
ALTER TABLE applications ADD COLUMN links_to BIGINT REFERENCES applications (id) ON DELETE CASCADE;
CREATE INDEX applications_employer ON applications (employer) WHERE employer IS NOT NULL;
CREATE INDEX applications_organisation ON applications (organisation, updated_at) WHERE organisation IS NOT NULL;
CREATE UNIQUE INDEX applications_one_linked ON applications (links_to) WHERE links_to IS NOT NULL;
