-- The employer's part of a work-based application (server::organisations).
--
-- `employer`: on an applicant's application, the Business ID of the employer the applicant
-- consented to share it with, set when it is declared; cleared when the applicant withdraws
-- the consent before the employer starts.
-- `organisation`: the owner of an organisation's document (the terms of employment), which
-- every user acting for it shares; such a row has no `user_id`.
-- `links_to`: the applicant's application an organisation's document belongs to; one each.
-- `employer_pays`: 1 once the applicant asked the employer to pay the fee (not on the fast
-- track): the organisation's users then see it, declared, waiting for its fee.
ALTER TABLE applications ADD COLUMN employer TEXT;
ALTER TABLE applications ADD COLUMN employer_pays INTEGER NOT NULL DEFAULT 0 CHECK (employer_pays IN (0, 1));
-- Unix milliseconds: when the organisation's users were reminded of the terms still needed.
ALTER TABLE applications ADD COLUMN employer_reminded_at INTEGER;
ALTER TABLE applications ADD COLUMN organisation TEXT;
ALTER TABLE applications ADD COLUMN links_to INTEGER REFERENCES applications (id) ON DELETE CASCADE;
-- `lead`: on the terms of one employee of terms given for several at once, the terms that are
-- filled in (and whose answers and files it is sent with).
ALTER TABLE applications ADD COLUMN lead INTEGER REFERENCES applications (id) ON DELETE CASCADE;
CREATE INDEX applications_employer ON applications (employer) WHERE employer IS NOT NULL;
CREATE INDEX applications_organisation ON applications (organisation, updated_at) WHERE organisation IS NOT NULL;
CREATE UNIQUE INDEX applications_one_linked ON applications (links_to) WHERE links_to IS NOT NULL;
CREATE INDEX applications_lead ON applications (lead) WHERE lead IS NOT NULL;

-- The users who have acted for an organisation (server::organisations), as e-Authorizations
-- allowed them: whom its reminders go to.
CREATE TABLE organisation_users (
    business_id TEXT NOT NULL,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- Unix seconds: the last time the user began to act for it.
    acted_at INTEGER NOT NULL,
    PRIMARY KEY (business_id, user_id)
);
