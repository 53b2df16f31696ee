-- What happens to a complaint besides the office's answers (issue 16): an officer reclassifies it
-- (its due time follows the new category), an office transfers it to the office it concerns, the
-- resident answers back or reopens it. Oldest first; the actor kept as text like complaint_answers
-- ('resident' for the resident, who has no account). `detail` holds the fields of ComplaintEvent
-- (src/domain/feedback/complaint.ts): categories, offices, the new due time, a note or the resident's text.
create table complaint_events (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references complaints (id),
  at timestamptz not null default now(),
  kind text not null check (kind in ('reclassified', 'transferred', 'replied', 'reopened')),
  actor_account_id text,
  actor_role text not null,
  detail jsonb not null default '{}'
);
create index complaint_events_by_complaint on complaint_events (complaint_id, id);
