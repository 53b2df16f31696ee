-- Complaints (pengaduan) and the satisfaction survey (SKM), issue #8.
--
-- Complaints are stored like applications: keyed by the device's UUIDv7, a tracking number, and a
-- `seq` stamped under an advisory lock held until commit (src/server/feedback/complaints.ts), so seq
-- order is commit order and the filing device pulls answers by checkpoint without gaps. `office_id`
-- is resolved on the server from what the complaint is about. `complainant` is null for anonymous
-- complaints (never stored); `due_at` is the category's target time from receipt.
create sequence complaints_seq;

create table complaints (
  id uuid primary key,
  tracking_number text not null unique,
  office_id text not null,
  service_id text,
  application_id uuid,
  about jsonb not null,
  category text not null,
  what text not null,
  happened_on date not null,
  photo jsonb,
  privacy text not null,
  complainant jsonb,
  channel text not null,
  secret_hash text not null,
  device_key_hash text,
  status text not null default 'open',
  received_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  due_at timestamptz not null,
  closed_at timestamptz,
  seq bigint not null,
  constraint complaints_anonymous check (privacy <> 'anonymous' or complainant is null)
);
create unique index complaints_feed on complaints (seq);
create index complaints_device_feed on complaints (device_key_hash, seq) where device_key_hash is not null;
create index complaints_office on complaints (office_id, status, received_at);

-- The office's answers, oldest first; the actor kept as text like application_events.
create table complaint_answers (
  id bigint generated always as identity primary key,
  complaint_id uuid not null references complaints (id),
  at timestamptz not null default now(),
  actor_account_id text,
  actor_role text not null,
  text text not null
);
create index complaint_answers_by_complaint on complaint_answers (complaint_id, id);

-- SKM responses: the nine scores (null = unanswered) and the coarse respondent profile, nothing
-- personal. The application is not referenced: `application_key` is a SHA-256 of the application id
-- (domain-separated), unique, so that an application gets one response; no foreign key, no id.
create table survey_responses (
  id uuid primary key,
  office_id text not null,
  service_id text not null,
  application_key text unique,
  channel text not null,
  u1 smallint, u2 smallint, u3 smallint, u4 smallint, u5 smallint, u6 smallint, u7 smallint, u8 smallint, u9 smallint,
  age_band text,
  sex text,
  education text,
  occupation text,
  received_at timestamptz not null default now()
);
create index survey_responses_report on survey_responses (office_id, service_id, received_at);
