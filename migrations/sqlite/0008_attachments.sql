-- The files added to applications for their attachments. The file itself is in the storage
-- (server::attachments::storage) under `storage_key`; a row is written only once its file is
-- stored. Rows go with their application; the cleanup job then removes their files.
CREATE TABLE attachment_files (
    id INTEGER PRIMARY KEY,
    -- Random: the only identifier in URLs.
    public_id TEXT NOT NULL UNIQUE,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    -- The attachment the file is for (`passport-copy`, …: forms::derive::attachments).
    requirement TEXT NOT NULL,
    -- The file's name as sent, cleaned, for display only.
    display_name TEXT NOT NULL,
    content_type TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL UNIQUE,
    -- Unix seconds.
    created_at INTEGER NOT NULL
);
CREATE INDEX attachment_files_application ON attachment_files (application_id, requirement);
