-- What a refused request asked for: its method and route pattern (`GET /staff`), never the
-- concrete path, which may hold an id.
ALTER TABLE audit_log ADD COLUMN detail TEXT;
