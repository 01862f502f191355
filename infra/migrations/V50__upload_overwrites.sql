-- A presigned URL may be used again after its import started: the import keeps reading the version it claimed
-- (GET with If-Match on the claimed ETag) and the later versions are recorded here, one ETag each (a redelivered
-- event does not count twice), so GET /uploads/{id} can show them instead of ignoring them silently.
alter table uploads
    add column overwrite_etags text[] not null default '{}',
    add column overwritten_at  timestamptz;
