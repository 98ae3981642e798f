-- Requests like one already logged, from the same client within its minute's share, are
-- counted on that row instead of each writing one (server::audit::Throttle).
ALTER TABLE audit_log ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
