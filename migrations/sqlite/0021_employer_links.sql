-- The employer's part of a work-based application (server::organisations).
--
-- `employer`: on an applicant's application, the Business ID of the employer the applicant
-- consented to share it with, set when it is declared; cleared when the applicant withdraws
-- the consent before the employer starts.
-- `organisation`: the owner of an organisation's document (the terms of employment), which
-- every user acting for it shares; such a row has no `user_id`.
-- `links_to`: the applicant's application an organisation's document belongs to; one each.
ALTER TABLE applications ADD COLUMN employer TEXT;
ALTER TABLE applications ADD COLUMN organisation TEXT;
ALTER TABLE applications ADD COLUMN links_to INTEGER REFERENCES applications (id) ON DELETE CASCADE;
CREATE INDEX applications_employer ON applications (employer) WHERE employer IS NOT NULL;
CREATE INDEX applications_organisation ON applications (organisation, updated_at) WHERE organisation IS NOT NULL;
CREATE UNIQUE INDEX applications_one_linked ON applications (links_to) WHERE links_to IS NOT NULL;
