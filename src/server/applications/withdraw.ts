// A resident withdraws their own application from their device: the device proves it is the
// applicant's with the application's secret (whose hash the submission carried; a counter receipt's
// QR code holds it too). An officer's withdrawal at the resident's request is an officer move
// (src/server/office/queue.ts). Either way the application ends in the final state "withdrawn".
import { createHash } from 'node:crypto';
import { acceptsWithdrawal } from '../../domain/backoffice/application-status.ts';
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import type { Database } from '../storage/db.ts';
import { RESIDENT_ROLE } from './corrections.ts';
import { recordEvent } from './history.ts';
import { sameSecret } from './store.ts';
import { updateApplication } from './updates.ts';

export type WithdrawalResult =
  | { ok: true; id: string; trackingNumber: string; officeId: string | null; eventId: number }
  /** Unknown, or the secret is not this application's: the same answer, so nothing is told of it. */
  | { ok: false; error: 'not_found' }
  /** Already in a final state (completed, rejected, withdrawn or abandoned). */
  | { ok: false; error: 'final'; status: ApplicationStatus };

export async function withdrawByResident(db: Database, id: string, secret: string): Promise<WithdrawalResult> {
  const [stored] = await db.query<{
    id: string;
    status: ApplicationStatus;
    secret_hash: string;
    tracking_number: string;
    office_id: string | null;
  }>('select id::text as id, status, secret_hash, tracking_number, office_id from applications where id = $1::uuid', [
    id,
  ]);
  const hash = createHash('sha256').update(secret).digest('hex');
  if (!stored || !sameSecret(hash, stored.secret_hash)) return { ok: false, error: 'not_found' };
  if (!acceptsWithdrawal(stored.status)) return { ok: false, error: 'final', status: stored.status };
  let eventId = 0;
  const moved = await updateApplication(
    db,
    stored.id,
    { status: 'withdrawn' },
    {
      from: stored.status,
      alongside: async (tx) => {
        eventId = await recordEvent(
          tx,
          stored.id,
          { accountId: null, role: RESIDENT_ROLE },
          { from: stored.status, to: 'withdrawn', kind: 'withdrawal' },
        );
      },
    },
  );
  // Moved by the office meanwhile: try again from the new state (a final one answers "final").
  if (!moved) return withdrawByResident(db, id, secret);
  return { ok: true, id: stored.id, trackingNumber: stored.tracking_number, officeId: stored.office_id, eventId };
}
