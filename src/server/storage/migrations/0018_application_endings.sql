-- Issue 16: every application reaches an end on every channel.
--
-- The history says what kind of change each entry is: a move of the state machine, a correction an
-- officer recorded at the counter, a withdrawal, a forward to another office (with both offices),
-- the notice that an application awaiting a correction will be abandoned, or the abandonment itself.
alter table application_events add column kind text not null default 'move';
alter table application_events add column from_office_id text;
alter table application_events add column to_office_id text;

-- Withdrawn and abandoned are final states: the open applications' index leaves them out, as the
-- queue's and the dashboard's "open" does.
drop index applications_open;
create index applications_open on applications (received_at, id, due_at)
  where status not in ('completed', 'rejected', 'withdrawn', 'abandoned');

-- When an application awaiting the resident's correction becomes abandoned, set when the resident
-- is told so (the notice); cleared by any status change (src/server/applications/abandon.ts).
alter table applications add column abandons_at timestamptz;
create index applications_awaiting_correction on applications (office_id) where status = 'needs-correction';

-- How long each office waits for a correction before the application is abandoned, and how many
-- days before that the resident is told. An office without a row uses the defaults in abandon.ts.
create table office_correction_periods (
  office_id text primary key,
  days int not null check (days between 1 and 365),
  notice_days int not null check (notice_days between 1 and 60 and notice_days < days),
  updated_at timestamptz not null default now()
);
