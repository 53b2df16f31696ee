-- A message the server has no way to send (no SMS/WhatsApp gateway configured, Web Push off) is
-- `skipped`, not `failed`: a regency that never set up a gateway is not shown one failure per status
-- change, and the administrator's list of failures holds only what went wrong.
alter table notification_outbox drop constraint notification_outbox_state_check;
alter table notification_outbox
  add constraint notification_outbox_state_check check (state in ('pending', 'sent', 'failed', 'gone', 'skipped'));
update notification_outbox set state = 'skipped'
 where state = 'failed' and last_error in ('text_not_configured', 'push_not_configured');
