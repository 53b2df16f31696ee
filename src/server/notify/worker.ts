// Drains the notification outbox: claims due rows (a lease, so a server that dies mid-send leaves
// them to be retried, and servers sharing a PostgreSQL never claim one row twice), sends each, then
// marks it sent, gone, failed, skipped (nothing configured to send it by), or due again after a
// backoff. Failed rows stay for the administrator (troubledNotices), who may send them again (retryNotice). Runs on a timer and at once when a commit queued notices (wakeNotifier).

import { normalizePhone } from '../../domain/forms/validate.ts';
import { type Notice, textMessage } from '../../domain/notifications/notice.ts';
import type { Database } from '../storage/db.ts';
import { noticeWaker } from './notices.ts';
import type { PushSender, SendResult, TextSender } from './senders.ts';
import { forgetEndpoint } from './subscriptions.ts';

export type Senders = { push: PushSender | null; text: TextSender | null };

/** Tries before a row is given up (failed): with the backoff below, about a day and a half. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_SECONDS = 30;
const LONGEST_RETRY_SECONDS = 6 * 3600;
/** A claimed row is due again after this if its server never reported back. */
const LEASE_SECONDS = 120;
const BATCH = 20;

/** Seconds before try `attempts + 1`: doubling from 30 s up to 6 h, spread ±20% so a gateway outage does not end in a stampede. */
export function backoffSeconds(attempts: number, random = Math.random()): number {
  const base = Math.min(LONGEST_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random));
}

type Claimed = {
  id: string;
  target_kind: 'application' | 'complaint';
  target_id: string;
  channel: 'push' | 'sms' | 'whatsapp';
  subscription_id: string | null;
  payload: Notice;
  attempts: number;
};

async function claim(db: Database, now: Date): Promise<Claimed[]> {
  return db.query<Claimed>(
    `with due as (
       select id from notification_outbox where state = 'pending' and next_attempt_at <= $1::timestamptz
        order by next_attempt_at limit $2 for update skip locked)
     update notification_outbox o set attempts = o.attempts + 1,
            next_attempt_at = $1::timestamptz + make_interval(secs => $3)
       from due where o.id = due.id
     returning o.id::text, o.target_kind, o.target_id::text, o.channel, o.subscription_id::text, o.payload, o.attempts`,
    [now.toISOString(), BATCH, LEASE_SECONDS],
  );
}

/** The phone number the application's form holds, normalized (+62…); read only to send, never stored elsewhere. */
export async function phoneOf(db: Database, applicationId: string): Promise<string | null> {
  const [row] = await db.query<{ phone: string }>(
    `select a.answers->>(f->>'key') as phone
       from applications a
       join catalogue_docs s on s.collection = 'services' and s.id = a.service_id
       cross join lateral jsonb_array_elements(coalesce(s.doc->'form'->'fields', '[]'::jsonb)) f
      where a.id = $1::uuid and f->>'kind' = 'phone' and coalesce(a.answers->>(f->>'key'), '') <> ''
      limit 1`,
    [applicationId],
  );
  return row ? normalizePhone(row.phone) : null;
}

async function send(db: Database, senders: Senders, row: Claimed): Promise<SendResult> {
  if (row.channel === 'push') {
    if (!senders.push) return { kind: 'skipped', error: 'push_not_configured' };
    if (row.subscription_id === null) return { kind: 'gone' };
    const [sub] = await db.query<{ endpoint: string; p256dh: string; auth: string }>(
      'select endpoint, p256dh, auth from push_subscriptions where id = $1',
      [row.subscription_id],
    );
    if (!sub) return { kind: 'gone' };
    const result = await senders.push(sub, row.payload);
    if (result.kind === 'gone') await forgetEndpoint(db, sub.endpoint);
    return result;
  }
  if (!senders.text) return { kind: 'skipped', error: 'text_not_configured' };
  const number = row.target_kind === 'application' ? await phoneOf(db, row.target_id) : null;
  if (!number) return { kind: 'failed', error: 'no_phone' };
  return senders.text({ idempotencyKey: row.id, channel: row.channel, number, message: textMessage(row.payload) });
}

async function settle(db: Database, row: Claimed, result: SendResult, now: Date): Promise<void> {
  if (result.kind === 'retry' && row.attempts < MAX_ATTEMPTS) {
    const at = new Date(now.getTime() + backoffSeconds(row.attempts) * 1000);
    await db.query(
      'update notification_outbox set next_attempt_at = $2::timestamptz, last_error = $3 where id = $1::uuid',
      [row.id, at.toISOString(), result.error],
    );
    return;
  }
  const state = result.kind === 'retry' ? 'failed' : result.kind;
  await db.query(
    `update notification_outbox set state = $2, last_error = $3,
            sent_at = case when $2 = 'sent' then $4::timestamptz end where id = $1::uuid`,
    [row.id, state, 'error' in result ? result.error : null, now.toISOString()],
  );
}

export type DrainCounts = { sent: number; retrying: number; failed: number; gone: number; skipped: number };

/** Sends every row due at `now` (the server's clock; tests pass a later one to skip a backoff). */
export async function drainNotices(db: Database, senders: Senders, now = new Date()): Promise<DrainCounts> {
  const counts: DrainCounts = { sent: 0, retrying: 0, failed: 0, gone: 0, skipped: 0 };
  for (;;) {
    const rows = await claim(db, now);
    for (const row of rows) {
      const result = await send(db, senders, row);
      await settle(db, row, result, now);
      if (result.kind === 'retry' && row.attempts < MAX_ATTEMPTS) counts.retrying++;
      else if (result.kind === 'retry') counts.failed++;
      else counts[result.kind]++;
    }
    if (rows.length < BATCH) return counts;
  }
}

export type Notifier = { stop(): Promise<void> };

const POLL_MS = 15_000;

/** Drains at once when woken (a commit queued notices) and every POLL_MS for retries that came due. */
export function startNotifier(
  db: Database,
  senders: Senders,
  onError: (err: Error) => void,
  pollMs = POLL_MS,
): Notifier {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = drainNotices(db, senders)
      .then(() => undefined)
      .catch((err: Error) => onError(err))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, pollMs).unref();
  const waker = noticeWaker(db);
  waker.on('wake', run);
  run();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      waker.off('wake', run);
      await running;
    },
  };
}
