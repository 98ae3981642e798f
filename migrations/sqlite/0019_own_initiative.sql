-- Information an applicant sends on their own initiative (a new passport, a new address), kept
-- as a request of the portal's own making (1): its page and reply are a request's, its reply
-- goes to the case backend without a request id, and it is no task and has no last day.
ALTER TABLE info_requests ADD COLUMN own_initiative INTEGER NOT NULL DEFAULT 0;
