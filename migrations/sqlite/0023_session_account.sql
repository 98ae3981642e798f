-- The account a session is signed in as (server::accounts::session), beside its record, so
-- that a session and its account are read in one query, joined. NULL when it is not signed in
-- (and in rows written before this column, until they are next saved). No foreign key: a
-- session whose account is gone reads as signed out.
ALTER TABLE sessions ADD COLUMN user_id INTEGER;
