-- Set once the provider has reported an open attempt as paid but not yet confirmed (a bank's
-- "pending" or "delayed"): the payer is told to wait, not to pay again.
ALTER TABLE payments ADD COLUMN confirming INTEGER NOT NULL DEFAULT 0 CHECK (confirming IN (0, 1));
