-- Web Push subscriptions (issue 15): one row per device and per application (or complaint) it
-- follows, authorized by that record's secret when it was made. The endpoint is the push service's
-- URL for the device; p256dh and auth are the device's keys (RFC 8291) that encrypt each payload, so
-- only that device can read it. A subscription the push service says is gone (404/410) is deleted.
create table push_subscriptions (
  id bigint generated always as identity primary key,
  target_kind text not null check (target_kind in ('application', 'complaint')),
  target_id uuid not null,
  endpoint text not null,
  p256dh text not null,
  auth text not null,
  created_at timestamptz not null default now(),
  unique (target_kind, target_id, endpoint)
);
create index push_subscriptions_endpoint on push_subscriptions (endpoint);
