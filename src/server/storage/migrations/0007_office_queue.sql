-- The office queue (issue #6): each application belongs to the office that handles it, the moment it
-- was completed, and the history of its moves. Applications stored before this migration go to their
-- service's first serving office (new ones are assigned by src/server/office/assign.ts).
alter table applications add column office_id text;
alter table applications add column completed_at timestamptz;

update applications a
   set office_id = s.doc->'officeIds'->>0
  from catalogue_docs s
 where s.collection = 'services' and s.id = a.service_id and a.office_id is null;

-- An officer's queue: their offices' applications in a state, oldest first.
create index applications_office_queue on applications (office_id, status, received_at);
-- The dashboard: what was completed in a period.
create index applications_completed on applications (office_id, completed_at) where completed_at is not null;

-- Who moved an application from which state to which, when, and what the resident was told. The
-- actor's account is kept as text (no foreign key: accounts may be removed, history may not).
create table application_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references applications (id),
  at timestamptz not null default now(),
  actor_account_id text,
  actor_role text not null,
  from_status text,
  to_status text not null,
  message text,
  pickup jsonb
);
create index application_events_by_application on application_events (application_id, id);

-- When an application is due under its service's standard (Jangka waktu penyelesaian):
--   minutes, hours: that long after it was received;
--   working days: at the end (24:00 WIB) of the Nth working day after the day it was received, where
--   working days are Monday to Friday in WIB (UTC+7, no daylight saving). The day of receipt does not
--   count; national holidays are not known to the system yet.
-- Any other unit gives no due time (never overdue).
create function application_due_at(received timestamptz, amount int, unit text) returns timestamptz
language sql stable strict as $$
  select case unit
    when 'minutes' then received + make_interval(mins => amount)
    when 'hours' then received + make_interval(hours => amount)
    when 'working-days' then (
      select ((first_day
               + ((amount - 1) / 5) * 7 + (amount - 1) % 5
               + case when extract(isodow from first_day)::int + (amount - 1) % 5 > 5 then 2 else 0 end
               + 1)::timestamp - interval '7 hours') at time zone 'UTC'
        from (select received_day + case extract(isodow from received_day)::int when 5 then 3 when 6 then 2 else 1 end as first_day
                from (select ((received at time zone 'UTC') + interval '7 hours')::date as received_day) r) f)
  end
$$;
