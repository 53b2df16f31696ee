// Which devices follow which record by Web Push. A device follows an application or a complaint by
// proving the record's secret (its SHA-256 was stored with the record); at most
// PUSH_DEVICES_PER_RECORD devices follow one record. The push service's "gone" (404/410) removes one.
import { createHash } from 'node:crypto';
import {
  type BrowserPushSubscription,
  PUSH_DEVICES_PER_RECORD,
  type PushTarget,
} from '../../domain/notifications/push.ts';
import { sameSecret } from '../applications/store.ts';
import type { Database, Queryable } from '../storage/db.ts';

export type FollowOutcome = 'followed' | 'unknown' | 'full';

const TABLE = { application: 'applications', complaint: 'complaints' } as const;

/** Whether `secret` is the record's: an unknown id and a wrong secret answer alike (nothing is told). */
async function provesSecret(q: Queryable, target: PushTarget, secret: string): Promise<boolean> {
  const [row] = await q.query<{ secret_hash: string }>(
    `select secret_hash from ${TABLE[target.kind]} where id = $1::uuid`,
    [target.id],
  );
  return !!row && sameSecret(createHash('sha256').update(secret).digest('hex'), row.secret_hash);
}

export async function followRecord(
  db: Database,
  target: PushTarget,
  secret: string,
  subscription: BrowserPushSubscription,
): Promise<FollowOutcome> {
  return db.transaction(async (tx) => {
    if (!(await provesSecret(tx, target, secret))) return 'unknown';
    // Serializes follows of one record, so two at once cannot both pass the count.
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [`push:${target.id}`]);
    const [count] = await tx.query<{ n: number; mine: boolean }>(
      `select count(*)::int as n, bool_or(endpoint = $3) as mine from push_subscriptions
        where target_kind = $1 and target_id = $2::uuid`,
      [target.kind, target.id, subscription.endpoint],
    );
    if (!count?.mine && (count?.n ?? 0) >= PUSH_DEVICES_PER_RECORD) return 'full';
    // The same device again (a renewed subscription has new keys): the newest keys win.
    await tx.query(
      `insert into push_subscriptions (target_kind, target_id, endpoint, p256dh, auth) values ($1, $2::uuid, $3, $4, $5)
       on conflict (target_kind, target_id, endpoint) do update set p256dh = excluded.p256dh, auth = excluded.auth`,
      [target.kind, target.id, subscription.endpoint, subscription.keys.p256dh, subscription.keys.auth],
    );
    return 'followed';
  });
}

export async function unfollowRecord(db: Database, target: PushTarget, secret: string, endpoint: string) {
  return db.transaction(async (tx) => {
    if (!(await provesSecret(tx, target, secret))) return false;
    await tx.query('delete from push_subscriptions where target_kind = $1 and target_id = $2::uuid and endpoint = $3', [
      target.kind,
      target.id,
      endpoint,
    ]);
    return true;
  });
}

/** The push service says the device's subscription is gone: no record hears through it any more. */
export async function forgetEndpoint(db: Database, endpoint: string): Promise<void> {
  await db.query('delete from push_subscriptions where endpoint = $1', [endpoint]);
}
