-- Counts the saves of an application. A save names the revision it read, so two tabs saving
-- the same draft at once cannot overwrite each other's answers: the later one sees the count
-- moved on, reads the draft again and applies its step to the newer answers.
ALTER TABLE applications ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
