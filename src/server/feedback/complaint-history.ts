// A complaint's history (complaint_events, 0019): read into the office's detail and the filing
// device's pull, written by the office's and the resident's moves (complaint-moves.ts).
import type { ComplaintEvent } from '../../domain/feedback/complaint.ts';
import type { Queryable } from '../storage/db.ts';

export type StoredEvent = ComplaintEvent & { role: string };

/** A subquery of complaint `c`'s events, oldest first, as a JSON array of StoredEvent. */
export const HISTORY_SQL = `coalesce((select json_agg(jsonb_build_object('at', e.at, 'kind', e.kind, 'role', e.actor_role) || e.detail order by e.id)
                                from complaint_events e where e.complaint_id = c.id), '[]'::json)`;

/** The column HISTORY_SQL gives, as PGlite (parsed) or PostgreSQL (text) hands it over. */
export const historyOf = (v: StoredEvent[] | string): StoredEvent[] =>
  typeof v === 'string' ? (JSON.parse(v) as StoredEvent[]) : v;

/** What the resident's device is shown: a transfer's note is for the offices. */
export function residentHistory(events: readonly StoredEvent[]): ComplaintEvent[] {
  return events.map(({ role: _role, ...e }) => {
    if (e.kind !== 'transferred') return e;
    const { text: _note, ...rest } = e;
    return rest;
  });
}

/** Appends an event inside the caller's transaction. */
export async function addEvent(
  tx: Queryable,
  complaintId: string,
  kind: ComplaintEvent['kind'],
  actor: { accountId: string | null; role: string },
  detail: Omit<ComplaintEvent, 'at' | 'kind'>,
): Promise<void> {
  await tx.query(
    `insert into complaint_events (complaint_id, kind, actor_account_id, actor_role, detail) values ($1::uuid, $2, $3, $4, $5::jsonb)`,
    [complaintId, kind, actor.accountId, actor.role, JSON.stringify(detail)],
  );
}
