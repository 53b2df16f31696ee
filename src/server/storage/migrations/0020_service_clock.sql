-- The service clock (issue 16): working days from a holiday calendar, paused while the office waits
-- for the resident's correction, stopped at ready, appointments from their visit. The rule itself is
-- src/domain/time/service-clock.ts; src/server/applications/service-clock.ts keeps these columns and
-- `due_at` by it (at receipt, at every change of status, when the calendar changes).

-- Days off work besides Saturday and Sunday, in WIB. Seeded with 2026 (SKB No. 1497/2025, 2/2025,
-- 5/2025); later years and a regency's own days are entered by an administrator, never guessed.
create table holidays (
  day date primary key,
  kind text not null check (kind in ('national', 'cuti-bersama', 'regional')),
  name text not null check (length(name) between 1 and 200),
  updated_at timestamptz not null default now(),
  updated_by text
);

insert into holidays (day, kind, name) values
  ('2026-01-01', 'national', 'Tahun Baru 2026 Masehi'),
  ('2026-01-16', 'national', 'Isra Mikraj Nabi Muhammad SAW'),
  ('2026-02-16', 'cuti-bersama', 'Cuti bersama Tahun Baru Imlek 2577 Kongzili'),
  ('2026-02-17', 'national', 'Tahun Baru Imlek 2577 Kongzili'),
  ('2026-03-18', 'cuti-bersama', 'Cuti bersama Hari Suci Nyepi Tahun Baru Saka 1948'),
  ('2026-03-19', 'national', 'Hari Suci Nyepi Tahun Baru Saka 1948'),
  ('2026-03-20', 'cuti-bersama', 'Cuti bersama Idulfitri 1447 Hijriah'),
  ('2026-03-21', 'national', 'Idulfitri 1447 Hijriah'),
  ('2026-03-22', 'national', 'Idulfitri 1447 Hijriah'),
  ('2026-03-23', 'cuti-bersama', 'Cuti bersama Idulfitri 1447 Hijriah'),
  ('2026-03-24', 'cuti-bersama', 'Cuti bersama Idulfitri 1447 Hijriah'),
  ('2026-04-03', 'national', 'Wafat Yesus Kristus'),
  ('2026-04-05', 'national', 'Kebangkitan Yesus Kristus (Paskah)'),
  ('2026-05-01', 'national', 'Hari Buruh Internasional'),
  ('2026-05-14', 'national', 'Kenaikan Yesus Kristus'),
  ('2026-05-15', 'cuti-bersama', 'Cuti bersama Kenaikan Yesus Kristus'),
  ('2026-05-27', 'national', 'Iduladha 1447 Hijriah'),
  ('2026-05-28', 'cuti-bersama', 'Cuti bersama Iduladha 1447 Hijriah'),
  ('2026-05-31', 'national', 'Hari Raya Waisak 2570 BE'),
  ('2026-06-01', 'national', 'Hari Lahir Pancasila'),
  ('2026-06-16', 'national', '1 Muharam Tahun Baru Islam 1448 Hijriah'),
  ('2026-08-17', 'national', 'Proklamasi Kemerdekaan Republik Indonesia'),
  ('2026-08-25', 'national', 'Maulid Nabi Muhammad SAW'),
  ('2026-12-24', 'cuti-bersama', 'Cuti bersama Hari Raya Natal'),
  ('2026-12-25', 'national', 'Hari Raya Natal');

-- The clock of each application:
--   clock_standard   the standard's completion time when it was received (a later change of the
--                    standard applies to applications received after it, as due_at did before);
--   clock_pauses     closed pauses, [[from, to], …] in epoch milliseconds;
--   clock_paused_at  the start of the pause under way (null while the clock runs);
--   clock_stopped_at when it stopped: ready, or a final state reached without being ready;
--   ready_at         when it became ready (compliance is measured here, not at handover);
--   clock_rule       the rule that computed due_at: 0 for rows from before this migration, which the
--                    server recomputes from their history at start, -1 for rows a change of the
--                    holiday calendar touched (refreshStaleClocks recomputes both).
alter table applications
  add column clock_standard jsonb,
  add column clock_pauses jsonb not null default '[]',
  add column clock_paused_at timestamptz,
  add column clock_stopped_at timestamptz,
  add column ready_at timestamptz,
  add column clock_rule smallint not null default 0;

update applications a
   set clock_standard = s.doc->'completionTime'
  from catalogue_docs s
 where s.collection = 'services' and s.id = a.service_id;

-- The server computes due_at now (the database cannot know holidays' effect on a pause): the trigger
-- of 0016 would overwrite it with the Monday-to-Friday rule.
drop trigger applications_due_at on applications;
drop function applications_set_due_at();
drop function application_due_at_for(timestamptz, text);

-- Applications whose clock runs, oldest first: the queue's overdue filter and the dashboard.
create index applications_clock_running on applications (received_at, id, due_at) where clock_stopped_at is null;
-- The dashboard: what became ready in a period.
create index applications_ready on applications (office_id, ready_at) where ready_at is not null;
-- The rows still to recompute at start.
create index applications_clock_stale on applications (id) where clock_rule < 1;
