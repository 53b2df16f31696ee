-- Upload chunks (issue 13): appending to one bytea value (`data = data || chunk`) rewrote the whole
-- stored file at every PATCH, so 200 appends of 100 B to a 1 MiB upload wrote 200 MiB, and PGlite
-- (no autovacuum) kept every dead copy. Each chunk is now a row of its own, written once and never
-- rewritten: a file is its chunks in offset order, verified against its hash when the last arrives.
alter table uploads add column id bigint generated always as identity;
alter table uploads add constraint uploads_id_key unique (id);

create table upload_chunks (
  upload_id bigint not null references uploads (id) on delete cascade,
  byte_offset int not null,
  data bytea not null,
  primary key (upload_id, byte_offset),
  constraint upload_chunks_not_empty check (length(data) > 0)
);
-- JPEG and PDF are already compressed: out of line, without spending CPU on TOAST compression.
alter table upload_chunks alter column data set storage external;

-- The bytes stored so far become the first chunk of each file.
insert into upload_chunks (upload_id, byte_offset, data)
select id, 0, data from uploads where length(data) > 0;

-- Who sends an incomplete upload (the client address; an IPv6 /64), so that bytes in flight are
-- limited per address. Kept only while the upload is incomplete. `updated_at` is the last progress:
-- an upload that makes none for 7 days is deleted with its chunks.
alter table uploads add column client text;
alter table uploads add column updated_at timestamptz not null default now();
update uploads set updated_at = coalesce(completed_at, created_at), client = null, data = ''::bytea;

alter table uploads drop constraint uploads_received_is_length;
alter table uploads drop column data;

create index uploads_incomplete_by_client on uploads (client) where not complete;
create index uploads_incomplete_by_progress on uploads (updated_at) where not complete;

-- A file's bytes (its chunks in order; empty when none): what the server verifies and serves.
create view upload_contents as
select u.id, u.sha256,
       coalesce((select string_agg(c.data, ''::bytea order by c.byte_offset) from upload_chunks c where c.upload_id = u.id),
                ''::bytea) as data
from uploads u;
