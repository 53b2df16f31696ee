-- A complaint the resident reopens after the office's answer (issue 16) gets a new due time counted
-- from its reopening: the clock's start, kept so that a later reclassification counts from it too.
-- Null: the clock started at receipt.
alter table complaints add column clock_started_at timestamptz;
