-- The same schema as ../sqlite/0021_employer_links.sql, in PostgreSQL's types.
ALTER TABLE applications ADD COLUMN employer TEXT;
ALTER TABLE applications ADD COLUMN employer_pays INTEGER NOT NULL DEFAULT 0 CHECK (employer_pays IN (0, 1));
ALTER TABLE applications ADD COLUMN employer_reminded_at BIGINT;
ALTER TABLE applications ADD COLUMN organisation TEXT;
ALTER TABLE applications ADD COLUMN links_to BIGINT REFERENCES applications (id) ON DELETE CASCADE;
ALTER TABLE applications ADD COLUMN lead BIGINT REFERENCES applications (id) ON DELETE CASCADE;
CREATE INDEX applications_employer ON applications (employer) WHERE employer IS NOT NULL;
CREATE INDEX applications_organisation ON applications (organisation, updated_at) WHERE organisation IS NOT NULL;
CREATE UNIQUE INDEX applications_one_linked ON applications (links_to) WHERE links_to IS NOT NULL;
CREATE INDEX applications_lead ON applications (lead) WHERE lead IS NOT NULL;

CREATE TABLE organisation_users (
    business_id TEXT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    acted_at BIGINT NOT NULL,
    PRIMARY KEY (business_id, user_id)
);
