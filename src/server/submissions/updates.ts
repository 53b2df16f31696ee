// The office's changes to applications, and the feed devices pull them from: each change takes a new
// commit-ordered `seq`, so a device asking for "after N" never misses one.
import { createHash } from 'node:crypto';
import type { ApplicationStatus, ApplicationUpdate } from '../../domain/submissions/submission.ts';
import type { Database } from '../storage/db.ts';
import { applicationChanges } from './changes.ts';
import { APPLICATIONS_WRITE_LOCK } from './store.ts';

export const deviceKeyHash = (deviceKey: string): string => createHash('sha256').update(deviceKey).digest('hex');

export type OfficeChange = { status: ApplicationStatus; message?: string | undefined; pickup?: { place: string; from: string } | undefined };

/** Records the office's move of an application (the state machine itself belongs to the office side). */
export async function updateApplication(db: Database, id: string, change: OfficeChange): Promise<boolean> {
  const rows = await db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [APPLICATIONS_WRITE_LOCK]);
    return tx.query<{ device_key_hash: string | null }>(
      `update applications set status = $2, message = $3, pickup = $4::jsonb, updated_at = now(), seq = nextval('applications_seq')
       where id = $1::uuid returning device_key_hash`,
      [id, change.status, change.message ?? null, change.pickup ? JSON.stringify(change.pickup) : null],
    );
  });
  const hash = rows[0]?.device_key_hash;
  if (hash) applicationChanges.emit('change', hash);
  return rows.length > 0;
}

type Row = {
  id: string;
  tracking_number: string;
  service_id: string;
  status: ApplicationStatus;
  message: string | null;
  pickup: { place: string; from: string } | null;
  received_at: Date | string;
  updated_at: Date | string;
  seq: string;
};

/** RxDB pull: this device's applications changed after `seq`, in commit order. */
export async function pullApplicationUpdates(db: Database, keyHash: string, after: number, limit: number) {
  const rows = await db.query<Row>(
    `select id, tracking_number, service_id, status, message, pickup, received_at, updated_at, seq
     from applications where device_key_hash = $1 and seq > $2 order by seq limit $3`,
    [keyHash, after, limit],
  );
  const documents: Array<ApplicationUpdate & { _deleted: boolean }> = rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    status: r.status,
    ...(r.message ? { message: r.message } : {}),
    ...(r.pickup ? { pickup: r.pickup } : {}),
    receivedAt: new Date(r.received_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    _deleted: false,
  }));
  return { documents, checkpoint: { seq: rows.length ? Number(rows.at(-1)!.seq) : after } };
}
