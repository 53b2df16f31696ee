// Forwarding between offices (issue 16): a receiving office hands an application to an issuing office
// of its service (the standard's `issuedBy`); the application keeps its id, photos and history and
// changes office, so it leaves the sender's queue and joins the issuing office's; the resident's
// device pulls where it is. And the rule it serves: only an issuing office marks the product ready
// or handed over.
import type { OfficeScope } from '../../domain/accounts/account.ts';
import { FORWARDABLE, ISSUING_MOVES, type IssuingInfo, mayIssue } from '../../domain/backoffice/forwarding.ts';
import type { OfficeType } from '../../domain/catalogue/office.ts';
import type { ApplicationStatus } from '../../domain/submissions/submission.ts';
import { publishApplicationChange } from '../applications/changes.ts';
import { type Actor, recordEvent } from '../applications/history.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';

type Standing = {
  id: string;
  status: ApplicationStatus;
  tracking_number: string;
  office_id: string | null;
  office_type: OfficeType | null;
  issued_by: OfficeType[] | null;
  serving: string[] | null;
};

async function standing(db: Queryable, scope: OfficeScope, id: string): Promise<Standing | null> {
  const [row] = await db.query<Standing>(
    `select a.id::text as id, a.status, a.tracking_number, a.office_id, o.doc->>'type' as office_type,
            s.doc->'issuedBy' as issued_by, s.doc->'officeIds' as serving
       from applications a
       left join catalogue_docs s on s.collection = 'services' and s.id = a.service_id
       left join catalogue_docs o on o.collection = 'offices' and o.id = a.office_id
      where a.id = $1::uuid and ($2::text[] is null or a.office_id = any($2::text[]))`,
    [id, scope === 'all' ? null : [...scope]],
  );
  return row ?? null;
}

/**
 * Where it may be forwarded: from an office that may not issue it, to the serving offices of an
 * issuing type (an office that issues it finishes it itself).
 */
async function issuingOffices(db: Queryable, s: Standing): Promise<string[]> {
  if (mayIssue(s.issued_by ?? undefined, s.office_type)) return [];
  const serving = (s.serving ?? []).filter((o) => o !== s.office_id);
  if (serving.length === 0) return [];
  const rows = await db.query<{ id: string; type: OfficeType }>(
    `select id, doc->>'type' as type from catalogue_docs where collection = 'offices' and not deleted and id = any($1::text[])`,
    [serving],
  );
  const types = new Map(rows.map((r) => [r.id, r.type]));
  return serving.filter((o) => types.has(o) && mayIssue(s.issued_by ?? undefined, types.get(o)));
}

/** For an application's detail: whether its office may issue, and where it may be forwarded. */
export async function issuingInfo(db: Queryable, id: string): Promise<IssuingInfo> {
  const s = await standing(db, 'all', id);
  if (!s) return { mayIssue: true, forwardTo: [] };
  return {
    mayIssue: mayIssue(s.issued_by ?? undefined, s.office_type),
    forwardTo: FORWARDABLE.includes(s.status) ? await issuingOffices(db, s) : [],
  };
}

/**
 * Whether `to` is a move the application's office may make: a move that issues the product needs an
 * issuing office. Null when it may; else the office types that may.
 */
export async function issuingRefusal(db: Queryable, id: string, to: unknown): Promise<OfficeType[] | null> {
  if (!ISSUING_MOVES.includes(to as ApplicationStatus)) return null;
  const s = await standing(db, 'all', id);
  if (!s || mayIssue(s.issued_by ?? undefined, s.office_type)) return null;
  return s.issued_by ?? [];
}

export type ForwardResult =
  | { ok: true; id: string; trackingNumber: string; fromOfficeId: string | null; officeId: string; eventId: number }
  | { ok: false; error: 'not_found' }
  /** Not in a state it can be forwarded from (or not the `expected` one any more). */
  | { ok: false; error: 'stale' | 'not_forwardable'; current: ApplicationStatus }
  /** The office does not serve the service, may not issue it, or already holds it. */
  | { ok: false; error: 'target'; forwardTo: string[] };

export async function forwardApplication(
  db: Database,
  scope: OfficeScope,
  id: string,
  input: { toOfficeId: string; note?: string | undefined; expected?: ApplicationStatus | undefined },
  actor: Actor,
): Promise<ForwardResult> {
  const s = await standing(db, scope, id);
  if (!s) return { ok: false, error: 'not_found' };
  if (input.expected !== undefined && input.expected !== s.status)
    return { ok: false, error: 'stale', current: s.status };
  if (!FORWARDABLE.includes(s.status)) return { ok: false, error: 'not_forwardable', current: s.status };
  const targets = await issuingOffices(db, s);
  if (!targets.includes(input.toOfficeId)) return { ok: false, error: 'target', forwardTo: targets };

  const done = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'applicationsWrite');
    // Only from the state and office the checks saw: a concurrent move or forward makes it a no-op.
    const rows = await tx.query<{ device_key_hash: string | null }>(
      `update applications set office_id = $2, message = coalesce($3, message), updated_at = now(),
              seq = nextval('applications_seq')
        where id = $1::uuid and status = $4 and office_id is not distinct from $5
        returning device_key_hash`,
      [s.id, input.toOfficeId, input.note ?? null, s.status, s.office_id],
    );
    if (rows.length === 0) return null;
    const eventId = await recordEvent(tx, s.id, actor, {
      from: s.status,
      to: s.status,
      message: input.note,
      kind: 'forward',
      offices: { from: s.office_id, to: input.toOfficeId },
    });
    return { eventId, deviceKeyHash: rows[0]!.device_key_hash };
  });
  if (!done) {
    const now = await standing(db, 'all', id);
    return { ok: false, error: 'stale', current: now?.status ?? s.status };
  }
  if (done.deviceKeyHash) publishApplicationChange(db, done.deviceKeyHash);
  return {
    ok: true,
    id: s.id,
    trackingNumber: s.tracking_number,
    fromOfficeId: s.office_id,
    officeId: input.toOfficeId,
    eventId: done.eventId,
  };
}
