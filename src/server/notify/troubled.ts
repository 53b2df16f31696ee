// What the administrator sees of the messages that went wrong, and the one thing they can do about
// them: send one again (after a gateway outage, or once a wrong number is corrected at the counter).
import { maskPhone, type TroubledNotice } from '../../domain/notifications/notice.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { phoneOf } from './worker.ts';

const TROUBLED = "(state = 'failed' or (state = 'pending' and last_error is not null))";

/** Messages given up, and those still being retried after a failure (newest first); a text's number masked. */
export async function troubledNotices(db: Database, limit = 100): Promise<TroubledNotice[]> {
  const rows = await db.query<{
    id: string;
    tracking_number: string;
    target_kind: 'application' | 'complaint';
    target_id: string;
    channel: 'push' | 'sms' | 'whatsapp';
    event: string;
    attempts: number;
    last_error: string | null;
    created_at: string;
    state: 'failed' | 'pending';
  }>(
    `select id::text, tracking_number, target_kind, target_id::text, channel, event, attempts, last_error, created_at, state
       from notification_outbox where ${TROUBLED}
      order by created_at desc, id limit $1`,
    [limit],
  );
  const phones = new Map<string, string | null>();
  const out: TroubledNotice[] = [];
  for (const r of rows) {
    let phone: string | null = null;
    if (r.channel !== 'push' && r.target_kind === 'application') {
      if (!phones.has(r.target_id)) phones.set(r.target_id, await phoneOf(db, r.target_id));
      const number = phones.get(r.target_id);
      phone = number ? maskPhone(number) : null;
    }
    out.push({
      id: r.id,
      trackingNumber: r.tracking_number,
      targetKind: r.target_kind,
      channel: r.channel,
      event: r.event,
      attempts: r.attempts,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      state: r.state,
      phone,
    });
  }
  return out;
}

export type RetryOutcome = 'queued' | 'unknown' | 'not_troubled';

/**
 * Due now, with a fresh count of tries: a message given up or waiting out a backoff. A message sent,
 * skipped or whose device is gone is not sent again (its idempotency key stays, so a gateway that
 * already delivered it would not deliver it twice anyway). The caller wakes the worker after its commit.
 */
export async function retryNotice(q: Queryable, id: string): Promise<RetryOutcome> {
  const rows = await q.query<{ id: string }>(
    `update notification_outbox set state = 'pending', attempts = 0, next_attempt_at = now(), last_error = null
      where id = $1::uuid and ${TROUBLED} returning id::text`,
    [id],
  );
  if (rows.length) return 'queued';
  const [known] = await q.query('select 1 from notification_outbox where id = $1::uuid', [id]);
  return known ? 'not_troubled' : 'unknown';
}
