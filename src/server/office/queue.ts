// The office queue on the server: listing an officer's applications (scoped to their offices,
// filtered, paged, personal data masked), one application in full, and moving it through the state
// machine. Authorization is the caller's: it passes the scope of the signed-in account; anything
// outside it is answered as if it did not exist.

import type { OfficeScope } from '../../domain/accounts/account.ts';
import type { ApplicationDetail, QueuePage, QueueRow } from '../../domain/backoffice/api.ts';
import { type MoveErrorCode, validateMove } from '../../domain/backoffice/application-status.ts';
import { QUEUE_PAGE_DEFAULT, QUEUE_PAGE_MAX, type QueueFilters } from '../../domain/backoffice/queue.ts';
import type { OfficeType } from '../../domain/catalogue/office.ts';
import type { Channel, CompletionTime } from '../../domain/catalogue/service.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import { maskIdNumber, normalizeIdNumber } from '../../domain/identity/nik.ts';
import type { ApplicationStatus, Pickup } from '../../domain/submissions/submission.ts';
import { normalizeTrackingNumber } from '../../domain/submissions/tracking-number.ts';
import { issueMoveDocument } from '../applications/documents.ts';
import { type Actor, applicationHistory, recordEvent } from '../applications/history.ts';
import { updateApplication } from '../applications/updates.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { issuingInfo, issuingRefusal } from './forwarding.ts';

export class InvalidCursorError extends Error {
  constructor() {
    super('invalid queue cursor');
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Not in a final state; the same predicate as the applications_open index (0018_application_endings.sql). */
const OPEN = `a.status not in ('completed', 'rejected', 'withdrawn', 'abandoned')`;

// ---------------------------------------------------------------------------------------------
// Shared SQL: the application with its service and office. The due time is the stored `due_at`, kept
// by the service clock (src/server/applications/service-clock.ts).

const FROM = `
  from applications a
  left join catalogue_docs s on s.collection = 'services' and s.id = a.service_id
  left join catalogue_docs o on o.collection = 'offices' and o.id = a.office_id`;

/**
 * The first NIK answer of the form, in form order (only ever masked before it leaves the server):
 * the application's NIK fields are listed beside it with their digests (0017_nik_digests.sql), so
 * a row costs an index lookup, not a walk through its service's form.
 */
const FIRST_NIK = `(
  select a.answers->>d.field from application_nik_digests d where d.application_id = a.id order by d.position limit 1)`;

/**
 * Overdue against `now`, a parameter: the server's clock decides, not the database's (tests set it).
 * The service clock (0020_service_clock.sql) must still run, and a pause under way counts as its
 * start: while the office waits for the resident, an application is overdue only if it already was.
 */
const overdueAt = (now: string) =>
  `(${OPEN} and a.clock_stopped_at is null and a.due_at < coalesce(a.clock_paused_at, ${now}::timestamptz))`;

const rowColumns = (
  now: string,
) => `a.id::text as id, a.tracking_number, a.service_id, a.office_id, a.channel, a.status,
  coalesce(a.applicant->>'name', a.answers->>'fullName') as person_name, ${FIRST_NIK} as nik,
  a.received_at, a.updated_at, a.due_at, ${overdueAt(now)} as overdue,
  (extract(epoch from a.received_at) * 1000000)::bigint::text as received_us`;

type RowRecord = {
  id: string;
  tracking_number: string;
  service_id: string;
  office_id: string | null;
  channel: Channel;
  status: ApplicationStatus;
  person_name: string | null;
  nik: string | null;
  received_at: string;
  updated_at: string;
  due_at: string | null;
  overdue: boolean | null;
  received_us: string;
};

/** Collects SQL conditions with numbered parameters. */
class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];
  add(sql: (p: (value: unknown) => string) => string): void {
    this.parts.push(sql((value) => this.param(value)));
  }
  /** A parameter used outside the conditions (its placeholder). */
  param(value: unknown): string {
    return `$${this.params.push(value)}`;
  }
  toString(): string {
    return this.parts.length ? `where ${this.parts.join(' and ')}` : '';
  }
}

function scoped(scope: OfficeScope): Where {
  const where = new Where();
  if (scope !== 'all') {
    const ids = [...scope];
    where.add((p) => `a.office_id = any(${p(ids)}::text[])`);
  }
  return where;
}

const list = <T>(v: T | readonly T[]): T[] => (Array.isArray(v) ? [...(v as readonly T[])] : [v as T]);

/** "Siti Aminah binti Ahmad" → "S. A. B. A.": enough to match a face at the counter, not a name to search. */
export function initials(name: string | null): string | null {
  const words = (name ?? '').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((w) => `${[...w][0]!.toUpperCase()}.`).join(' ');
}

function toRow(r: RowRecord): QueueRow {
  return {
    id: r.id,
    trackingNumber: r.tracking_number,
    serviceId: r.service_id,
    officeId: r.office_id,
    channel: r.channel,
    status: r.status,
    applicantInitials: initials(r.person_name),
    nikMasked: r.nik ? maskIdNumber(r.nik) : null,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
    dueAt: r.due_at,
    overdue: r.overdue === true,
  };
}

// ---------------------------------------------------------------------------------------------
// Listing

const encodeCursor = (r: RowRecord): string => Buffer.from(JSON.stringify([r.received_us, r.id])).toString('base64url');

function decodeCursor(cursor: string): [receivedUs: string, id: string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      /^\d{1,20}$/.test(String(value[0])) &&
      UUID.test(String(value[1]))
    ) {
      return [String(value[0]), String(value[1])];
    }
  } catch {
    // falls through
  }
  throw new InvalidCursorError();
}

/**
 * The applications of the scope's offices, oldest first (the order they are served in), one page at a
 * time. Rows hold masked personal data only. Throws InvalidCursorError for a cursor it did not make.
 */
export async function listQueue(
  db: Queryable,
  scope: OfficeScope,
  filters: QueueFilters = {},
  now: Date = new Date(),
): Promise<QueuePage> {
  const where = scoped(scope);
  const nowParam = where.param(now.toISOString());
  if (filters.officeId !== undefined) where.add((p) => `a.office_id = any(${p(list(filters.officeId!))}::text[])`);
  if (filters.service !== undefined) where.add((p) => `a.service_id = any(${p(list(filters.service!))}::text[])`);
  if (filters.status !== undefined) where.add((p) => `a.status = any(${p(list(filters.status!))}::text[])`);
  if (filters.channel !== undefined) where.add((p) => `a.channel = any(${p(list(filters.channel!))}::text[])`);
  if (filters.island !== undefined) where.add((p) => `o.doc->'island'->>'code' = ${p(filters.island)}`);
  if (filters.overdue !== undefined) {
    where.add(() => (filters.overdue ? overdueAt(nowParam) : `not coalesce(${overdueAt(nowParam)}, false)`));
  }
  if (filters.trackingNumber !== undefined) {
    // A number that cannot exist matches nothing (rather than being ignored and listing everything).
    const number = normalizeTrackingNumber(filters.trackingNumber);
    where.add((p) => `a.tracking_number = ${p(number ?? '')}`);
  }
  return page(db, where, nowParam, filters);
}

async function page(
  db: Queryable,
  where: Where,
  nowParam: string,
  filters: Pick<QueueFilters, 'limit' | 'cursor'>,
): Promise<QueuePage> {
  const limit = Math.min(Math.max(filters.limit ?? QUEUE_PAGE_DEFAULT, 1), QUEUE_PAGE_MAX);
  if (filters.cursor !== undefined) {
    const [us, id] = decodeCursor(filters.cursor);
    // Microseconds, exactly: an ISO string (milliseconds) would repeat or skip rows received in the same millisecond.
    where.add(
      (p) =>
        `(a.received_at, a.id) > (timestamptz 'epoch' + ${p(us)}::bigint * interval '1 microsecond', ${p(id)}::uuid)`,
    );
  }
  const params = [...where.params, limit + 1];
  const rows = await db.query<RowRecord>(
    `select ${rowColumns(nowParam)} ${FROM} ${where} order by a.received_at, a.id limit $${params.length}`,
    params,
  );
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { rows: shown.map(toRow), nextCursor: more ? encodeCursor(shown.at(-1)!) : null };
}

/**
 * Applications in scope with `nik` in any NIK field of their form (the applicant's, a parent's, the
 * deceased's…), found through the keyed digests stored beside them (0017_nik_digests.sql), never by
 * reading answers. The caller audits the search. A value that is not 16 digits matches nothing.
 */
export async function searchByNik(
  db: Queryable,
  scope: OfficeScope,
  nik: string,
  paging: Pick<QueueFilters, 'limit' | 'cursor'> = {},
  now: Date = new Date(),
): Promise<QueuePage> {
  const wanted = normalizeIdNumber(nik);
  if (!/^\d{16}$/.test(wanted)) return { rows: [], nextCursor: null };
  const where = scoped(scope);
  const nowParam = where.param(now.toISOString());
  where.add(
    (p) => `a.id in (select d.application_id from application_nik_digests d where d.digest = nik_digest(${p(wanted)}))`,
  );
  return page(db, where, nowParam, paging);
}

// ---------------------------------------------------------------------------------------------
// One application

type DetailRecord = RowRecord & {
  collected_by: string | null;
  collector_name: string | null;
  form_version: number;
  applicant: ApplicationDetail['applicant'];
  answers: ApplicationDetail['answers'];
  attachments: Record<string, AttachmentRef[]>;
  message: string | null;
  pickup: Pickup | null;
  completed_at: string | null;
  completion_time: CompletionTime | null;
  electronic_product: boolean | null;
};

/** Everything about one application, or null when it does not exist or is outside the scope (answer both with 404). */
export async function getApplication(
  db: Queryable,
  scope: OfficeScope,
  id: string,
  now: Date = new Date(),
): Promise<ApplicationDetail | null> {
  if (!UUID.test(id)) return null;
  const where = scoped(scope);
  const nowParam = where.param(now.toISOString());
  where.add((p) => `a.id = ${p(id)}::uuid`);
  const [r] = await db.query<DetailRecord>(
    `select ${rowColumns(nowParam)}, a.form_version, a.applicant, a.answers, a.attachments, a.message, a.pickup, a.completed_at,
            s.doc->'completionTime' as completion_time, (s.doc->>'electronicProduct')::boolean as electronic_product,
            a.collected_by::text as collected_by, (select c.name from accounts c where c.id = a.collected_by) as collector_name
     ${FROM} ${where}`,
    where.params,
  );
  if (!r) return null;
  return {
    ...toRow(r),
    formVersion: r.form_version,
    applicant: r.applicant,
    answers: r.answers,
    attachments: Object.entries(r.attachments).flatMap(([field, refs]) => refs.map((ref) => ({ field, ...ref }))),
    message: r.message,
    pickup: r.pickup,
    completedAt: r.completed_at,
    completionTime: r.completion_time,
    electronicProduct: r.electronic_product === true,
    ...(r.collected_by ? { collectedBy: { accountId: r.collected_by, name: r.collector_name ?? '' } } : {}),
    history: await applicationHistory(db, r.id),
    issuing: await issuingInfo(db, r.id),
  };
}

// ---------------------------------------------------------------------------------------------
// Moving

export type MoveResult =
  | {
      ok: true;
      /** What a route audits and answers: the application, its office, the move and its history entry. */
      id: string;
      trackingNumber: string;
      officeId: string | null;
      from: ApplicationStatus;
      to: ApplicationStatus;
      eventId: number;
    }
  | { ok: false; error: 'not_found' }
  | { ok: false; error: 'invalid_move'; code: MoveErrorCode; allowed: ApplicationStatus[]; issues?: unknown[] }
  /** Someone else moved it first: `current` is where it is now. */
  | { ok: false; error: 'stale'; current: ApplicationStatus }
  /** A move that issues the product, by an office of a type the standard does not let issue it. */
  | { ok: false; error: 'may_not_issue'; issuedBy: OfficeType[] };

/**
 * An officer's move: checked against the state machine from the current state, then written — the
 * status, message and pickup (replicated to the resident's device), completed_at, and the history
 * entry — in one transaction, only if the application is still in the state the check saw.
 * `expected` is the state the officer was looking at: when given and no longer true, the move is
 * stale even if it would be allowed from the new state (a rejection meant for "verifying" must not
 * land on an application someone has meanwhile moved to "processing").
 */
export async function moveApplication(
  db: Database,
  scope: OfficeScope,
  id: string,
  move: unknown,
  actor: Actor,
  expected?: ApplicationStatus,
): Promise<MoveResult> {
  const current = await currentState(db, scope, id);
  if (!current) return { ok: false, error: 'not_found' };
  if (expected !== undefined && expected !== current.status)
    return { ok: false, error: 'stale', current: current.status };
  const check = validateMove(current.status, move, { electronicProduct: current.electronicProduct });
  const refusal = check.ok ? await issuingRefusal(db, current.id, check.change.status) : null;
  if (refusal) return { ok: false, error: 'may_not_issue', issuedBy: refusal };
  if (!check.ok) {
    return {
      ok: false,
      error: 'invalid_move',
      code: check.code,
      allowed: check.allowed,
      ...(check.issues ? { issues: check.issues } : {}),
    };
  }
  let eventId = 0;
  const moved = await updateApplication(db, current.id, check.change, {
    from: current.status,
    alongside: async (tx) => {
      eventId = await recordEvent(tx, current.id, actor, {
        from: current.status,
        to: check.change.status,
        message: check.change.message,
        pickup: check.change.pickup,
        kind: check.change.status === 'withdrawn' ? 'withdrawal' : 'move',
      });
      await issueMoveDocument(tx, current.id, check.move, eventId);
    },
  });
  if (!moved) {
    const now = await currentState(db, scope, id);
    return now ? { ok: false, error: 'stale', current: now.status } : { ok: false, error: 'not_found' };
  }
  return {
    ok: true,
    id: current.id,
    trackingNumber: current.trackingNumber,
    officeId: current.officeId,
    from: current.status,
    to: check.change.status,
    eventId,
  };
}

async function currentState(db: Queryable, scope: OfficeScope, id: string) {
  if (!UUID.test(id)) return null;
  const where = scoped(scope);
  where.add((p) => `a.id = ${p(id)}::uuid`);
  const [row] = await db.query<{
    id: string;
    status: ApplicationStatus;
    tracking_number: string;
    office_id: string | null;
    electronic_product: boolean;
  }>(
    `select a.id::text as id, a.status, a.tracking_number, a.office_id,
            coalesce((select (s.doc->>'electronicProduct')::boolean from catalogue_docs s
                       where s.collection = 'services' and s.id = a.service_id), false) as electronic_product
       from applications a ${where}`,
    where.params,
  );
  return row
    ? {
        id: row.id,
        status: row.status,
        trackingNumber: row.tracking_number,
        officeId: row.office_id,
        electronicProduct: row.electronic_product,
      }
    : null;
}
