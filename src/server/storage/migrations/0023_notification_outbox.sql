-- The notification outbox (issue 15): every message a status change owes the resident (a push to
-- each subscribed device, an SMS or WhatsApp text) is written in the change's own transaction, so a
-- rolled-back change owes nothing and a committed one loses nothing; a worker drains it with retries.
--
-- `dedupe_key` says which change and which channel a row is for: one row, so one message, per change
-- and channel (per device for push). Its `id` is the idempotency key the SMS gateway receives, the
-- same on every retry. `payload` holds the tracking number, the service, the new state and what the
-- office told the resident (never a NIK, a name or a phone number: the number is read from the
-- application when the message is sent, and is stored nowhere else).

create table notification_outbox (
  id uuid primary key default gen_random_uuid(),
  dedupe_key text not null unique,
  target_kind text not null check (target_kind in ('application', 'complaint')),
  target_id uuid not null,
  tracking_number text not null,
  channel text not null check (channel in ('push', 'sms', 'whatsapp')),
  subscription_id bigint references push_subscriptions (id) on delete set null,
  event text not null,
  payload jsonb not null,
  state text not null default 'pending' check (state in ('pending', 'sent', 'failed', 'gone')),
  attempts int not null default 0,
  next_attempt_at timestamptz not null default now(),
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_outbox_due on notification_outbox (next_attempt_at) where state = 'pending';
create index notification_outbox_failed on notification_outbox (created_at) where state = 'failed';
