-- Limits on what anonymous clients send (issue 13, point 11).
-- Rate-limit buckets shared by every server on one PostgreSQL (limits/buckets.ts): a key's
-- theoretical arrival time (GCRA). Unlogged: losing them in a crash only forgives some requests.
-- (The embedded database keeps them in memory; the table stays empty there.)
create unlogged table rate_limits (
  key text primary key,
  tat timestamptz not null
);
create index rate_limits_tat on rate_limits (tat);

-- A survey response without an application counts once per device, office and month (WIB):
-- SHA-256 of a fixed prefix, the device key's hash, the office and the month; unique. Like
-- application_key, it names nobody and joins to nothing.
alter table survey_responses add column walk_in_key text unique;
