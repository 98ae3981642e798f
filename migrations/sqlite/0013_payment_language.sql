-- The language the applicant was using when they paid: a payment confirmed later (by the
-- provider's callback) sends the application in it.
ALTER TABLE payments ADD COLUMN language TEXT;
