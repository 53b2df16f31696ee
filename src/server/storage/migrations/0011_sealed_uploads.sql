-- Sealed uploads (issue 7): a kiosk or field tablet uploads each photo as a sealed box
-- (application/vnd.nusalayan.sealed) that only this server opens. Once opened into its plain upload,
-- the sealed bytes serve no one, so they are emptied; the row stays, complete, so a device that lost
-- the answer and declares the box again learns it is done instead of sending it across the link anew.
alter table uploads add column emptied_at timestamptz;
alter table uploads drop constraint uploads_received_is_length;
alter table uploads add constraint uploads_received_is_length
  check (received = length(data) or (complete and emptied_at is not null and length(data) = 0));
