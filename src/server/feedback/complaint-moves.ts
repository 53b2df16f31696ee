// The office's moves on a complaint besides answering (issue 16): reclassify it (the due time
// follows the new category, by the domain's rule on the holiday calendar), transfer it to the office
// it concerns (the due time stays: the resident waits no longer for the office's mistake). Each is one transaction
// under the complaints' write lock: the change, a new commit-ordered seq so the filing device pulls
// it, an event for its history and the audit entry; then "changed" on the device's stream.
import type { OfficeScope, Principal } from '../../domain/accounts/account.ts';
import { type ComplaintCategory, type ComplaintStatus, complaintDueAt } from '../../domain/feedback/complaint.ts';
import { publishApplicationChange } from '../applications/changes.ts';
import { holidayCalendar } from '../applications/service-clock.ts';
import { audit } from '../audit/log.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { addEvent } from './complaint-history.ts';

type Actor = Pick<Principal, 'accountId' | 'role'>;
export type MoveRefusal = 'not_found' | 'closed' | 'unchanged' | 'unknown_office';
export type MoveOutcome<E extends string = MoveRefusal> = { ok: true; officeId: string } | { ok: false; error: E };

type Held = {
  status: ComplaintStatus;
  office_id: string;
  category: ComplaintCategory;
  start_ms: number;
};

/** The complaint, locked, if the scope holds it. */
async function held(tx: Queryable, scope: OfficeScope, id: string): Promise<Held | undefined> {
  const [row] = await tx.query<Held>(
    `select status, office_id, category, (extract(epoch from coalesce(clock_started_at, received_at)) * 1000)::float8 as start_ms
       from complaints where id = $1::uuid and ($2::text[] is null or office_id = any($2::text[])) for update`,
    [id, scope === 'all' ? null : [...scope]],
  );
  return row;
}

/** Runs a move in one transaction and tells the filing device afterwards. */
export async function move<E extends string>(
  db: Database,
  fn: (tx: Queryable) => Promise<MoveOutcome<E> & { hash?: string | null }>,
): Promise<MoveOutcome<E>> {
  const outcome = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'complaintsWrite');
    return fn(tx);
  });
  if (outcome.ok && outcome.hash) publishApplicationChange(db, outcome.hash);
  return outcome.ok ? { ok: true, officeId: outcome.officeId } : outcome;
}

/** Stamps a new seq (the device pulls it) and sets the given columns; returns the device-key hash. */
export async function touch(tx: Queryable, id: string, set: string, params: unknown[]): Promise<string | null> {
  const [row] = await tx.query<{ device_key_hash: string | null }>(
    `update complaints set ${set}, updated_at = now(), seq = nextval('complaints_seq') where id = $1::uuid returning device_key_hash`,
    [id, ...params],
  );
  return row?.device_key_hash ?? null;
}

/** The office changes a complaint's category; its due time is recomputed from its start under the new one. */
export async function reclassifyComplaint(
  db: Database,
  scope: OfficeScope,
  id: string,
  category: ComplaintCategory,
  actor: Actor,
): Promise<MoveOutcome> {
  return move(db, async (tx) => {
    const c = await held(tx, scope, id);
    if (!c) return { ok: false, error: 'not_found' };
    if (c.status === 'closed') return { ok: false, error: 'closed' };
    if (c.category === category) return { ok: false, error: 'unchanged' };
    const dueAt = new Date(complaintDueAt(c.start_ms, category, await holidayCalendar(tx))).toISOString();
    const hash = await touch(tx, id, 'category = $2, due_at = $3::timestamptz', [category, dueAt]);
    await addEvent(tx, id, 'reclassified', actor, { fromCategory: c.category, category, dueAt });
    await audit(tx, actor, 'complaint.reclassify', {
      kind: 'complaint',
      id,
      officeId: c.office_id,
      detail: { from: c.category, to: category, dueAt },
    });
    return { ok: true, officeId: c.office_id, hash };
  });
}

/** The office hands the complaint to another (existing) office, with a note for it. */
export async function transferComplaint(
  db: Database,
  scope: OfficeScope,
  id: string,
  to: { officeId: string; note: string },
  actor: Actor,
): Promise<MoveOutcome> {
  return move(db, async (tx) => {
    const c = await held(tx, scope, id);
    if (!c) return { ok: false, error: 'not_found' };
    if (c.status === 'closed') return { ok: false, error: 'closed' };
    if (c.office_id === to.officeId) return { ok: false, error: 'unchanged' };
    const [office] = await tx.query(
      `select 1 from catalogue_docs where collection = 'offices' and id = $1 and not deleted`,
      [to.officeId],
    );
    if (!office) return { ok: false, error: 'unknown_office' };
    const hash = await touch(tx, id, 'office_id = $2', [to.officeId]);
    await addEvent(tx, id, 'transferred', actor, { fromOfficeId: c.office_id, officeId: to.officeId, text: to.note });
    await audit(tx, actor, 'complaint.transfer', {
      kind: 'complaint',
      id,
      officeId: c.office_id,
      detail: { from: c.office_id, to: to.officeId },
    });
    return { ok: true, officeId: to.officeId, hash };
  });
}
