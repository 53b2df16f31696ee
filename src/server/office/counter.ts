// The counter (loket): an officer enters a walk-in resident's application into the same queue, through
// the same checks and the same insert as a device's submission (channel "counter", the officer's office).
import { createHash, randomBytes } from 'node:crypto';
import type { WalkInInput } from '../../domain/backoffice/queue.ts';
import { uuidv7 } from '../../domain/ids/uuidv7.ts';
import type { SubmissionRecord, SubmissionResult } from '../../domain/submissions/submission.ts';
import type { Actor } from '../applications/history.ts';
import { recordEvent } from '../applications/history.ts';
import { submitBatch } from '../applications/store.ts';
import type { Database } from '../storage/db.ts';

export type WalkInResult =
  | {
      ok: true;
      id: string;
      trackingNumber: string;
      receivedAt: string;
      officeId: string;
      /**
       * For the printed receipt only (e.g. in its QR code): lets the resident follow the application on
       * a phone later. The server keeps only its hash; it cannot be shown again.
       */
      secret: string;
    }
  | { ok: false; error: 'service.unknown' | 'office.not-serving' | 'channel.not-accepted' }
  /** The form's rules refuse it (field codes), or photos it names are not uploaded yet. */
  | { ok: false; error: 'rejected'; result: Exclude<SubmissionResult, { status: 'accepted' }> };

/** Stores a walk-in application for `officeId` (which must serve the service at its counter). */
export async function createWalkIn(
  db: Database,
  officeId: string,
  actor: Actor,
  input: WalkInInput,
): Promise<WalkInResult> {
  const [service] = await db.query<{ office_ids: string[]; channels: string[] }>(
    `select doc->'officeIds' as office_ids, doc->'channels' as channels from catalogue_docs
      where collection = 'services' and id = $1 and not deleted`,
    [input.serviceId],
  );
  if (!service) return { ok: false, error: 'service.unknown' };
  if (!service.office_ids.includes(officeId)) return { ok: false, error: 'office.not-serving' };
  if (!service.channels.includes('counter')) return { ok: false, error: 'channel.not-accepted' };

  const secret = randomBytes(32).toString('hex');
  const record: SubmissionRecord = {
    ...input,
    id: uuidv7(),
    channel: 'counter',
    officeId,
    // As a device makes it: SHA-256 of the secret's text.
    secretHash: createHash('sha256').update(secret).digest('hex'),
  };
  const [result] = await submitBatch(db, [record], { kind: 'counter' });
  if (result!.status !== 'accepted') return { ok: false, error: 'rejected', result: result! };
  // Who entered it at the counter: the first line of its history.
  await recordEvent(db, record.id, actor, { from: null, to: 'received' });
  return {
    ok: true,
    id: record.id,
    trackingNumber: result!.trackingNumber,
    receivedAt: result!.receivedAt,
    officeId,
    secret,
  };
}
