// The resident's side of "needs correction": the device resends the same application id with revised
// answers or photos, and the application goes back to verifying (a resident move, not an officer's).
// A resident who brings the correction to the counter instead has it recorded by an officer: the
// same change, checked by the office's scope instead of the device's secret, and audited as theirs.

import { acceptsCorrection } from '../../domain/backoffice/application-status.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import type { Database } from '../storage/db.ts';
import { type Actor, recordEvent } from './history.ts';
import { updateApplication } from './updates.ts';

/**
 * A corrected record, already checked as a new one is (answers against the current form, only the
 * form's document fields kept, every photo uploaded): the submission store's checks, not repeated here.
 */
export type CorrectedRecord = {
  formVersion: number;
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
} & (
  | {
      /** Must be the stored one: only the device that sent the application can correct it. */
      secretHash: string;
    }
  | {
      /** An officer recorded it at the counter (the caller has checked the office's scope), with a note for the resident. */
      officer: Actor;
      note?: string | undefined;
    }
);

export type CorrectionResult =
  | { ok: true; id: string; trackingNumber: string; officeId: string | null; eventId: number }
  | { ok: false; error: 'not_found' }
  /** Sent by someone else than the device that submitted it; answer like the stored result (no leak). */
  | { ok: false; error: 'forbidden' }
  /** Not awaiting a correction (any more): the stored application stays as it is. */
  | { ok: false; error: 'not_awaiting_correction'; status: ApplicationStatus }
  /** The same content as stored: a plain resend of the first submission, not a correction. */
  | { ok: false; error: 'unchanged' };

export const RESIDENT_ROLE = 'resident';

/**
 * Replaces the answers and photos of an application awaiting correction and moves it back to
 * verifying, in one transaction with its history entry and a new replication `seq`.
 */
export async function acceptCorrection(db: Database, id: string, record: CorrectedRecord): Promise<CorrectionResult> {
  const [stored] = await db.query<{
    id: string;
    status: ApplicationStatus;
    secret_hash: string;
    tracking_number: string;
    office_id: string | null;
    same: boolean;
  }>(
    `select id::text as id, status, secret_hash, tracking_number, office_id,
            (answers = $2::jsonb and attachments = $3::jsonb) as same
       from applications where id = $1::uuid`,
    [id, JSON.stringify(record.answers), JSON.stringify(record.attachments)],
  );
  if (!stored) return { ok: false, error: 'not_found' };
  if ('secretHash' in record && record.secretHash !== stored.secret_hash) return { ok: false, error: 'forbidden' };
  if (!acceptsCorrection(stored.status)) return { ok: false, error: 'not_awaiting_correction', status: stored.status };
  if (stored.same) return { ok: false, error: 'unchanged' };

  let eventId = 0;
  const officer = 'officer' in record ? record : null;
  const moved = await updateApplication(
    db,
    stored.id,
    { status: 'verifying', message: officer?.note },
    {
      from: stored.status,
      alongside: async (tx) => {
        await tx.query(
          'update applications set answers = $2::jsonb, attachments = $3::jsonb, form_version = $4 where id = $1::uuid',
          [stored.id, JSON.stringify(record.answers), JSON.stringify(record.attachments), record.formVersion],
        );
        eventId = officer
          ? await recordEvent(tx, stored.id, officer.officer, {
              from: stored.status,
              to: 'verifying',
              message: officer.note,
              kind: 'counter-correction',
            })
          : await recordEvent(
              tx,
              stored.id,
              { accountId: null, role: RESIDENT_ROLE },
              { from: stored.status, to: 'verifying' },
            );
      },
    },
  );
  if (!moved) {
    const [now] = await db.query<{ status: ApplicationStatus }>('select status from applications where id = $1::uuid', [
      id,
    ]);
    return { ok: false, error: 'not_awaiting_correction', status: now!.status };
  }
  return { ok: true, id: stored.id, trackingNumber: stored.tracking_number, officeId: stored.office_id, eventId };
}
