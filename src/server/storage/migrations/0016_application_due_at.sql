-- The due time of each application, stored (issue 13): computed once when it is received instead of
-- by every queue page, overdue filter and dashboard for every row they look at (1.25 s for the
-- dashboard at 20,000 applications on PGlite, during which no device could sync).
--
-- It is the due time promised when the application was received: a later change of the service's
-- standard in the catalogue applies to applications received after it, not to those in hand.
alter table applications add column due_at timestamptz;

-- The one place that decides an application's due time: its service's standard applied from its
-- receipt by application_due_at() (0007). The trigger below (every insert, and a changed receipt or
-- service) and the backfill both call it; a clock that follows holidays or pauses (issue 16)
-- changes it here, and recomputes the stored times with the same function.
create function application_due_at_for(received timestamptz, service text) returns timestamptz
language sql stable as $$
  select application_due_at(received, (s.doc->'completionTime'->>'value')::int, s.doc->'completionTime'->>'unit')
    from catalogue_docs s
   where s.collection = 'services' and s.id = service
$$;

create function applications_set_due_at() returns trigger
language plpgsql as $$
begin
  new.due_at := application_due_at_for(new.received_at, new.service_id);
  return new;
end
$$;

create trigger applications_due_at before insert or update of received_at, service_id on applications
  for each row execute function applications_set_due_at();

update applications set due_at = application_due_at_for(received_at, service_id);

-- Open applications in queue order (oldest first) with their due time: the overdue filter
-- (due_at < now) is checked inside the index, and as the due time follows the receipt, the oldest
-- open applications are the overdue ones, so a page of them is found at once; an index led by
-- due_at would hand over every overdue application to be sorted first.
create index applications_open on applications (received_at, id, due_at) where status not in ('completed', 'rejected');
-- The queue of every office (administrators), oldest first, and its cursor.
create index applications_received on applications (received_at, id);
