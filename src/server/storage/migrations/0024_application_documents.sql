-- Issued documents (issue 15): the product an office attaches to an application when it moves it to
-- "ready" or "completed" — an upload (content-addressed, so the bytes are the uploads' and are never
-- copied), with the officer's note. `code` is public and random: /verifikasi/<code> tells anyone the
-- issuing office, the service, the date and the SHA-256, never the applicant. The office and service
-- are copied at issue, so the verification stays what was issued if the application moves office.
create table application_documents (
  id bigint generated always as identity primary key,
  application_id uuid not null references applications (id),
  code text not null unique,
  sha256 text not null references uploads (sha256),
  type text not null,
  size int not null,
  note text,
  signed boolean not null default false,
  status text not null,
  office_id text,
  service_id text not null,
  event_id bigint references application_events (id),
  issued_at timestamptz not null default now(),
  constraint application_documents_once unique (application_id, sha256),
  constraint application_documents_status check (status in ('ready', 'completed')),
  constraint application_documents_type check (type in ('application/pdf', 'image/jpeg'))
);
create index application_documents_by_application on application_documents (application_id, id);
