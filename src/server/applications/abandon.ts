// Applications left waiting for the resident's correction (issue 16): each office sets how long it
// waits (office_correction_periods, 0018) and how many days before the end the resident is told. A
// sweep first tells the resident — the application's `abandons_at` is set, replicated to their
// device, and a history entry "abandon-notice" is written for the notification outbox to pick up —
// and only an application whose resident was told, and whose notice period has run out, becomes
// abandoned (a final state). Any status change (a correction, a withdrawal) clears the notice.
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { publishApplicationChange } from './changes.ts';
import { recordEvent } from './history.ts';
import { updateApplication } from './updates.ts';

export const DEFAULT_CORRECTION_PERIOD = { days: 30, noticeDays: 7 } as const;
export type CorrectionPeriod = { days: number; noticeDays: number };

const SYSTEM = { accountId: null, role: 'system' } as const;
const DAY_MS = 24 * 60 * 60_000;

export async function correctionPeriod(db: Queryable, officeId: string): Promise<CorrectionPeriod> {
  const [row] = await db.query<{ days: number; notice_days: number }>(
    'select days, notice_days from office_correction_periods where office_id = $1',
    [officeId],
  );
  return row ? { days: row.days, noticeDays: row.notice_days } : { ...DEFAULT_CORRECTION_PERIOD };
}

export async function setCorrectionPeriod(db: Queryable, officeId: string, period: CorrectionPeriod): Promise<void> {
  await db.query(
    `insert into office_correction_periods (office_id, days, notice_days) values ($1, $2, $3)
     on conflict (office_id) do update set days = excluded.days, notice_days = excluded.notice_days, updated_at = now()`,
    [officeId, period.days, period.noticeDays],
  );
}

type Waiting = {
  id: string;
  office_id: string | null;
  since: string;
  abandons_at: string | null;
  days: number | null;
  notice_days: number | null;
};

export type SweepReport = { noticed: number; abandoned: number };

/** One pass at `now` (the server's clock; tests pass a later one). */
export async function sweepAbandoned(db: Database, now: Date): Promise<SweepReport> {
  const waiting = await db.query<Waiting>(
    `select a.id::text as id, a.office_id, a.abandons_at, p.days, p.notice_days,
            (select max(e.at) from application_events e
              where e.application_id = a.id and e.to_status = 'needs-correction' and e.kind = 'move') as since
       from applications a left join office_correction_periods p on p.office_id = a.office_id
      where a.status = 'needs-correction'`,
  );
  const report: SweepReport = { noticed: 0, abandoned: 0 };
  for (const w of waiting) {
    const days = w.days ?? DEFAULT_CORRECTION_PERIOD.days;
    const noticeDays = w.notice_days ?? DEFAULT_CORRECTION_PERIOD.noticeDays;
    const since = new Date(w.since ?? now).getTime();
    if (w.abandons_at === null) {
      if (now.getTime() < since + (days - noticeDays) * DAY_MS) continue;
      // The resident always gets the whole notice period, even when this pass comes late.
      const end = new Date(Math.max(since + days * DAY_MS, now.getTime() + noticeDays * DAY_MS));
      if (await notice(db, w.id, end)) report.noticed += 1;
    } else if (now.getTime() >= new Date(w.abandons_at).getTime()) {
      if (await abandon(db, w.id)) report.abandoned += 1;
    }
  }
  return report;
}

async function notice(db: Database, id: string, end: Date): Promise<boolean> {
  const from: ApplicationStatus = 'needs-correction';
  const hash = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'applicationsWrite');
    const rows = await tx.query<{ device_key_hash: string | null }>(
      `update applications set abandons_at = $2::timestamptz, updated_at = now(), seq = nextval('applications_seq')
        where id = $1::uuid and status = $3 and abandons_at is null returning device_key_hash`,
      [id, end.toISOString(), from],
    );
    if (rows.length === 0) return undefined;
    await recordEvent(tx, id, SYSTEM, { from, to: from, kind: 'abandon-notice' });
    return rows[0]!.device_key_hash;
  });
  if (hash) publishApplicationChange(db, hash);
  return hash !== undefined;
}

function abandon(db: Database, id: string): Promise<boolean> {
  const from: ApplicationStatus = 'needs-correction';
  return updateApplication(
    db,
    id,
    { status: 'abandoned' },
    {
      from,
      alongside: (tx) =>
        recordEvent(tx, id, SYSTEM, { from, to: 'abandoned', kind: 'abandoned' }).then(() => undefined),
    },
  );
}
