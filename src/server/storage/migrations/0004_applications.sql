-- Submitted applications, keyed by the device's UUIDv7 so that a resent record finds the stored one.
-- `seq` is stamped under an advisory lock held until commit (as for the catalogue, 0002), so its
-- order is commit order and devices can later pull status changes by checkpoint without gaps.
create sequence applications_seq;

create table applications (
  id uuid primary key,
  tracking_number text not null unique,
  service_id text not null,
  form_version int not null,
  channel text not null,
  applicant jsonb not null,
  answers jsonb not null,
  attachments jsonb not null,
  secret_hash text not null,
  status text not null default 'received',
  received_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  seq bigint not null
);
-- The office queue: one service's applications in one state.
create index applications_queue on applications (service_id, status);
-- The change feed; unique because every write takes its own number.
create unique index applications_feed on applications (seq);
