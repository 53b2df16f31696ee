-- NIK search through an index (issue 13): each NIK an application names, in any NIK field of its
-- service's form, is kept as a keyed digest beside the application, so a search looks one digest up
-- instead of reading every application's answers (0.28 s at 20,000 applications, for every search).
-- The plain NIK stays where it was (the answers) and nowhere else.
--
-- The digest is HMAC-SHA-256 under a server key, not a plain hash: a NIK has far fewer than 10^16
-- possible values (district, birth date, serial), so unkeyed SHA-256 digests could all be reversed
-- by trying them. The key is made here from PostgreSQL's strong random source (pg_strong_random,
-- behind gen_random_uuid) and kept in a table of its own, in the database: every server sharing a
-- PostgreSQL database needs the same key, and a backup must restore a searchable copy. Whoever
-- holds the whole database holds the answers with the plain NIKs anyway; what the key protects is
-- the digest table read or copied without it (an export, a report, a query result in a log).
--
-- HMAC (RFC 2104) is written over the built-in sha256() (PostgreSQL 11+) rather than taken from
-- pgcrypto: an extension would have to be installed on every PostgreSQL server and loaded into
-- every PGlite start. The 64-byte inner and outer blocks are derived once, when the key is stored.

-- The key XORed with a pad byte (0x36 inner, 0x5c outer), as one 64-byte block.
create function hmac_sha256_block(key bytea, pad int) returns bytea
language sql immutable strict parallel safe as $$
  select string_agg(set_byte('\x00'::bytea, 0, (case when i < length(key) then get_byte(key, i) else 0 end) # pad), ''::bytea order by i)
    from generate_series(0, 63) i
$$;

create table nik_digest_key (
  -- one key for every server sharing the database
  singleton boolean primary key default true check (singleton),
  key bytea not null check (length(key) = 32),
  inner_block bytea not null generated always as (hmac_sha256_block(key, 54)) stored,
  outer_block bytea not null generated always as (hmac_sha256_block(key, 92)) stored,
  created_at timestamptz not null default now()
);
-- 3 × 122 random bits, hashed to the 32 bytes of the key.
insert into nik_digest_key (key)
values (sha256(convert_to(gen_random_uuid()::text || gen_random_uuid()::text || gen_random_uuid()::text, 'UTF8')));

-- The digest of a NIK already normalized (16 digits, no spaces or dots): HMAC-SHA-256(key, nik).
create function nik_digest(nik text) returns bytea
language sql stable strict parallel safe as $$
  select sha256(k.outer_block || sha256(k.inner_block || convert_to(nik, 'UTF8'))) from nik_digest_key k
$$;

create table application_nik_digests (
  application_id uuid not null references applications (id) on delete cascade,
  -- the form field's key (nik, motherNik, deceasedNik…), never its value
  field text not null,
  -- its place in the form: lists show the first NIK of the form, masked
  position int not null,
  digest bytea not null,
  primary key (application_id, field)
);
create index application_nik_digests_by_digest on application_nik_digests (digest);

-- The one place that decides which answers are NIKs: the fields of kind "nik" in the service's
-- form, as the catalogue has it when the answers are stored (received, or corrected by the
-- resident). A value that is not 16 digits once spaces and dots are dropped cannot be searched for
-- and gets no digest. The trigger below and the backfill both call it.
create function application_index_niks(app uuid, service text, answers jsonb) returns void
language sql as $$
  delete from application_nik_digests where application_id = app;
  insert into application_nik_digests (application_id, field, position, digest)
  select app, f->>'key', n, nik_digest(v.nik)
    from catalogue_docs s
   cross join jsonb_array_elements(s.doc->'form'->'fields') with ordinality as e(f, n)
   cross join lateral (select regexp_replace(answers->>(f->>'key'), '[[:space:].]', '', 'g') as nik) v
   where s.collection = 'services' and s.id = service and f->>'kind' = 'nik' and v.nik ~ '^[0-9]{16}$'
  on conflict do nothing;
$$;

create function applications_index_niks() returns trigger
language plpgsql as $$
begin
  perform application_index_niks(new.id, new.service_id, new.answers);
  return null;
end
$$;

create trigger applications_nik_digests after insert or update of answers, service_id on applications
  for each row execute function applications_index_niks();

select application_index_niks(id, service_id, answers) from applications;
