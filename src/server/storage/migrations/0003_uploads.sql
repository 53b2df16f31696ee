-- Photos and files that devices upload, content-addressed by SHA-256 and resumable: `received` is the
-- last acknowledged byte, so a device on a satellite link resumes there after a dropped connection.
-- The bytes live in the database, not on local disk, so the HTTP tier stays stateless and several
-- servers can share one PostgreSQL. bytea is fine at this size: a file is at most 2 MB (PDFs) and a
-- photo is about 300 KB after the device compresses it. An append rewrites the value (~30 chunks at
-- most per file), which is cheap at these sizes.
create table uploads (
  sha256 text primary key,
  type text not null,
  size int not null,
  received int not null default 0,
  data bytea not null default ''::bytea,
  complete boolean not null default false,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  constraint uploads_received_within_size check (received >= 0 and received <= size),
  constraint uploads_received_is_length check (received = length(data))
);
-- JPEG and PDF are already compressed: keep them out of line without wasting CPU on TOAST compression.
alter table uploads alter column data set storage external;
