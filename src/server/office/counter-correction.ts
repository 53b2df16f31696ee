// A correction the resident brings to the counter: a walk-in has no device to resend from, and a
// phone applicant may bring the corrected document in person. The officer enters the corrected
// answers and the photos they took; the content is checked as a device's record is and applied as
// the resident's correction would be (back to verifying), with the officer in the history.
import type { OfficeScope } from '../../domain/accounts/account.ts';
import { acceptsCorrection } from '../../domain/backoffice/application-status.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import type { ApplicationStatus, SubmissionResult } from '../../domain/submissions/submission.ts';
import { acceptCorrection } from '../applications/corrections.ts';
import type { Actor } from '../applications/history.ts';
import { checkCorrectedContent } from '../applications/store.ts';
import type { Database } from '../storage/db.ts';

export type CounterCorrectionInput = {
  formVersion: number;
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
  note?: string | undefined;
};

export type CounterCorrectionResult =
  | {
      ok: true;
      id: string;
      trackingNumber: string;
      officeId: string | null;
      eventId: number;
      /** For the audit: the keys of the answers and document fields that changed (never their values). */
      changedFields: string[];
      newPhotos: number;
    }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'not_awaiting_correction'; status: ApplicationStatus }
  | { ok: false; error: 'rejected'; result: Exclude<SubmissionResult, { status: 'accepted' }> }
  | { ok: false; error: 'unchanged' };

type Stored = {
  id: string;
  service_id: string;
  status: ApplicationStatus;
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
};

export async function recordCounterCorrection(
  db: Database,
  scope: OfficeScope,
  id: string,
  input: CounterCorrectionInput,
  officer: Actor,
): Promise<CounterCorrectionResult> {
  const [stored] = await db.query<Stored>(
    `select id::text as id, service_id, status, answers, attachments from applications
      where id = $1::uuid and ($2::text[] is null or office_id = any($2::text[]))`,
    [id, scope === 'all' ? null : [...scope]],
  );
  if (!stored) return { ok: false, error: 'not_found' };
  if (!acceptsCorrection(stored.status)) return { ok: false, error: 'not_awaiting_correction', status: stored.status };
  const checked = await checkCorrectedContent(db, { id: stored.id, serviceId: stored.service_id }, input);
  if (!checked.ok) return { ok: false, error: 'rejected', result: checked.result };
  const result = await acceptCorrection(db, stored.id, { ...checked.content, officer, note: input.note });
  if (!result.ok) {
    if (result.error === 'unchanged') return { ok: false, error: 'unchanged' };
    if (result.error === 'not_awaiting_correction') return result;
    return { ok: false, error: 'not_found' };
  }
  const before = new Set(Object.values(stored.attachments).flatMap((refs) => refs.map((r) => r.sha256)));
  const after = Object.values(checked.content.attachments).flatMap((refs) => refs.map((r) => r.sha256));
  return {
    ok: true,
    id: result.id,
    trackingNumber: result.trackingNumber,
    officeId: result.officeId,
    eventId: result.eventId,
    changedFields: changedKeys(
      { ...stored.answers, ...stored.attachments },
      { ...checked.content.answers, ...checked.content.attachments },
    ),
    newPhotos: new Set(after.filter((h) => !before.has(h))).size,
  };
}

/** JSON with object keys sorted: the database hands jsonb back in its own key order. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

function changedKeys(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => canonical(before[k]) !== canonical(after[k])).sort();
}
