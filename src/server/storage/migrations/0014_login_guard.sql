-- Sign-in limits that hold under concurrency and cannot lock an owner out (issue 13, points 7 and 8).
-- An attempt is recorded, as pending, in the same transaction that checks the limits (under a lock
-- per username and per address) before its password is evaluated, then settled: so no more attempts
-- are evaluated than the limits allow, however many arrive at once. A browser or tablet that signed
-- in to an account before holds a device cookie for it (login_devices: only the token's SHA-256):
-- its attempts count in a pool of their own, so failures from elsewhere never lock it out.
alter table login_attempts add column pending boolean not null default false;
-- The known device (login_devices.id) an attempt came from; null for any other client.
alter table login_attempts add column device_id uuid;
create index login_attempts_pool on login_attempts (username, device_id, at);

create table login_devices (
  id uuid primary key,
  token_hash text not null,
  username text not null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  unique (token_hash, username)
);
create index login_devices_used on login_devices (last_used_at);
