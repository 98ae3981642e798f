-- When the applicant was reminded of an unanswered request as its last day came near (Unix
-- milliseconds): once per request.
ALTER TABLE info_requests ADD COLUMN reminded_at INTEGER;
