-- What a device needs to follow its applications: which device sent it (the hash of its key), and
-- the office's message and pick-up details. Devices pull changes by `seq` (commit-ordered).
alter table applications add column device_key_hash text;
alter table applications add column message text;
alter table applications add column pickup jsonb;
create index applications_device_feed on applications (device_key_hash, seq) where device_key_hash is not null;
