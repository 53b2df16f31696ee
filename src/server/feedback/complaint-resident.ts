// The resident's moves on their complaint once the office has answered (issue 16): answer back, or
// reopen it within COMPLAINT_REOPEN_DAYS of the last answer (it returns to the office's open list
// with a new due time counted from the reopening). Proven with the complaint's secret; an unknown
// id and a wrong secret get the same answer. Bounded: the route's size and rate limits, and at most
// COMPLAINT_RESIDENT_MOVES_MAX moves per complaint.
import { createHash } from 'node:crypto';
import {
  COMPLAINT_RESIDENT_MOVES_MAX,
  type ComplaintCategory,
  type ComplaintResidentRefusal,
  type ComplaintStatus,
  complaintDueAt,
  reopenableUntil,
} from '../../domain/feedback/complaint.ts';
import { holidayCalendar } from '../applications/service-clock.ts';
import { sameSecret } from '../applications/store.ts';
import { audit } from '../audit/log.ts';
import type { Database } from '../storage/db.ts';
import { addEvent } from './complaint-history.ts';
import { type MoveOutcome, move, touch } from './complaint-moves.ts';

const RESIDENT = { accountId: null, role: 'resident' };

export type ResidentMove = 'replied' | 'reopened';

export async function residentMove(
  db: Database,
  id: string,
  kind: ResidentMove,
  body: { secret: string; text: string },
): Promise<MoveOutcome<'not_found' | ComplaintResidentRefusal>> {
  const secretHash = createHash('sha256').update(body.secret).digest('hex');
  return move(db, async (tx) => {
    const [c] = await tx.query<{
      status: ComplaintStatus;
      office_id: string;
      category: ComplaintCategory;
      secret_hash: string;
      now_ms: number;
      last_answer_ms: number | null;
      moves: number;
    }>(
      `select c.status, c.office_id, c.category, c.secret_hash, (extract(epoch from now()) * 1000)::float8 as now_ms,
              (select (extract(epoch from max(a.at)) * 1000)::float8 from complaint_answers a where a.complaint_id = c.id) as last_answer_ms,
              (select count(*)::int from complaint_events e where e.complaint_id = c.id and e.actor_role = 'resident') as moves
         from complaints c where c.id = $1::uuid for update`,
      [id],
    );
    if (!c || !sameSecret(secretHash, c.secret_hash)) return { ok: false, error: 'not_found' };
    if (c.last_answer_ms === null) return { ok: false, error: 'not_answered' };
    if (c.moves >= COMPLAINT_RESIDENT_MOVES_MAX) return { ok: false, error: 'too_many' };
    let hash: string | null;
    if (kind === 'replied') {
      if (c.status === 'closed') return { ok: false, error: 'closed' };
      hash = await touch(tx, id, 'status = status', []);
      await addEvent(tx, id, 'replied', RESIDENT, { text: body.text });
    } else {
      // Open already: reopened and not answered since; nothing to reopen.
      if (c.status === 'open') return { ok: false, error: 'not_answered' };
      if (c.now_ms > reopenableUntil(c.last_answer_ms)) return { ok: false, error: 'period_over' };
      const dueAt = new Date(complaintDueAt(c.now_ms, c.category, await holidayCalendar(tx))).toISOString();
      hash = await touch(
        tx,
        id,
        `status = 'open', closed_at = null, clock_started_at = now(), due_at = $2::timestamptz`,
        [dueAt],
      );
      await addEvent(tx, id, 'reopened', RESIDENT, { text: body.text, dueAt });
    }
    await audit(tx, null, kind === 'replied' ? 'complaint.resident-reply' : 'complaint.resident-reopen', {
      kind: 'complaint',
      id,
      officeId: c.office_id,
      detail: { length: body.text.length },
    });
    return { ok: true, officeId: c.office_id, hash };
  });
}
