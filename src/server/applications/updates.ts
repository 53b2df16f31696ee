// The office's changes to applications, and the feed devices pull them from: each change takes a new
// commit-ordered `seq`, so a device asking for "after N" never misses one.
import { createHash } from 'node:crypto';
import type { StatusChange } from '../../domain/backoffice/application-status.ts';
import type { ApplicationStatus, ApplicationUpdate, Pickup } from '../../domain/submissions/submission.ts';
import { queueApplicationNotices, wakeNotifier } from '../notify/notices.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { publishApplicationChange } from './changes.ts';
import { moveClock } from './service-clock.ts';
import { RESIDENT_STORY, type ResidentStory, residentStory } from './story.ts';

export const deviceKeyHash = (deviceKey: string): string => createHash('sha256').update(deviceKey).digest('hex');

/** Conditions and companions of a change, all inside its transaction. */
export type ChangeGuard = {
  /** Apply only while the application is still in this state: a concurrent move makes it a no-op (false). */
  from?: ApplicationStatus | undefined;
  /** More work in the same transaction once the row has changed (the history entry, a corrected content). */
  alongside?: ((tx: Queryable) => Promise<void>) | undefined;
};

/**
 * Records a move of an application: status, message and pickup, a new commit-ordered `seq` (so the
 * device pulls it) and an event for its open streams. The only writer of status changes; the state
 * machine is checked by the office side (src/server/office/queue.ts) before it calls this.
 */
export async function updateApplication(
  db: Database,
  id: string,
  change: StatusChange,
  guard: ChangeGuard = {},
): Promise<boolean> {
  const rows = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'applicationsWrite');
    const [before] = await tx.query<{ status: ApplicationStatus }>(
      'select status from applications where id = $1::uuid',
      [id],
    );
    const updated = await tx.query<{ device_key_hash: string | null }>(
      `update applications set status = $2, message = $3, pickup = $4::jsonb, updated_at = now(), seq = nextval('applications_seq'),
         abandons_at = null,
         completed_at = case when $2 = 'completed' then coalesce(completed_at, now()) end
       where id = $1::uuid and ($5::text is null or status = $5) returning device_key_hash`,
      [
        id,
        change.status,
        change.message ?? null,
        change.pickup ? JSON.stringify(change.pickup) : null,
        guard.from ?? null,
      ],
    );
    if (updated.length > 0 && guard.alongside) await guard.alongside(tx);
    // What the resident is told with the app closed commits or rolls back with the change itself.
    if (updated.length > 0) await queueApplicationNotices(tx, id, change);
    if (updated.length > 0) await moveClock(tx, id, before?.status ?? null, change.status);
    return updated;
  });
  if (rows.length > 0) wakeNotifier(db);
  const hash = rows[0]?.device_key_hash;
  if (hash) publishApplicationChange(db, hash);
  return rows.length > 0;
}

type Row = {
  id: string;
  tracking_number: string;
  service_id: string;
  status: ApplicationStatus;
  message: string | null;
  pickup: Pickup | null;
  office_id: string | null;
  abandons_at: string | null;
  received_at: string;
  updated_at: string;
  seq: string;
};

/** RxDB pull: this device's applications changed after `seq`, in commit order. */
export async function pullApplicationUpdates(db: Database, keyHash: string, after: number, limit: number) {
  const rows = await db.query<Row & ResidentStory>(
    `select id, tracking_number, service_id, status, message, pickup, office_id, abandons_at, received_at, updated_at, seq, ${RESIDENT_STORY('a')}
     from applications a where device_key_hash = $1 and seq > $2 order by seq limit $3`,
    [keyHash, after, limit],
  );
  const documents: Array<ApplicationUpdate & { _deleted: boolean }> = rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    status: r.status,
    ...(r.message ? { message: r.message } : {}),
    ...(r.pickup ? { pickup: r.pickup } : {}),
    ...(r.office_id ? { officeId: r.office_id } : {}),
    ...(r.abandons_at ? { abandonsAt: r.abandons_at } : {}),
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
    ...residentStory(r),
    _deleted: false,
  }));
  return { documents, checkpoint: { seq: rows.length ? Number(rows.at(-1)!.seq) : after } };
}
