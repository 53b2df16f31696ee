// Complaint due times on the holiday calendar (issue 16): computed by the domain's complaintDueAt when
// a complaint is filed, and recomputed inside a change of the calendar for the complaints still
// running whose clock the changed day can move (those closed keep the due time they were held to).
import { type ComplaintCategory, complaintDueAt } from '../../domain/feedback/complaint.ts';
import { holidayCalendar } from '../applications/service-clock.ts';
import type { Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';

/**
 * Inside the calendar change's transaction: complaints not closed whose clock started before the end
 * of `toDay` and whose due time is after the start of `fromDay` (YYYY-MM-DD, WIB) get the due time of
 * the new calendar and a new seq (their devices pull it). Returns how many changed.
 */
export async function recomputeComplaintDueTimes(tx: Queryable, fromDay: string, toDay: string): Promise<number> {
  await lockUntilCommit(tx, 'complaintsWrite');
  const rows = await tx.query<{ id: string; category: ComplaintCategory; start_ms: number; due_ms: number }>(
    `select id::text, category, (extract(epoch from coalesce(clock_started_at, received_at)) * 1000)::float8 as start_ms,
            (extract(epoch from due_at) * 1000)::float8 as due_ms
       from complaints
      where status <> 'closed'
        and coalesce(clock_started_at, received_at) < ($1::date + 1)::timestamp at time zone 'Asia/Jakarta'
        and due_at > $2::date::timestamp at time zone 'Asia/Jakarta'`,
    [toDay, fromDay],
  );
  const cal = await holidayCalendar(tx);
  const changed = rows
    .map((r) => ({ id: r.id, due: complaintDueAt(r.start_ms, r.category, cal), was: r.due_ms }))
    .filter((r) => r.due !== r.was);
  if (changed.length === 0) return 0;
  await tx.query(
    `update complaints c set due_at = v.due, updated_at = now(), seq = nextval('complaints_seq')
       from unnest($1::uuid[], $2::timestamptz[]) as v(id, due) where c.id = v.id`,
    [changed.map((r) => r.id), changed.map((r) => new Date(r.due).toISOString())],
  );
  return changed.length;
}
