// Complaints on the server: filing a device's batch exactly once under its ids (tracking number,
// office resolved from what the complaint is about, the category's due time on the holiday calendar, a commit-ordered seq
// for the device feed), the office's reads and answers scoped by office, and the device's pull.
import type { OfficeScope, Principal } from '../../domain/accounts/account.ts';
import type { Channel } from '../../domain/catalogue/service.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import {
  type Complainant,
  Complaint,
  type ComplaintAbout,
  type ComplaintCategory,
  type ComplaintPrivacy,
  type ComplaintRefusal,
  type ComplaintResult,
  type ComplaintStatus,
  type ComplaintUpdate,
  complaintDueAt,
} from '../../domain/feedback/complaint.ts';
import type { ComplaintDetail, ComplaintListQuery, ComplaintRow } from '../../domain/feedback/office-api.ts';
import { checkShape } from '../../domain/field-errors.ts';
import type { RecordEnvelope, TrackingNumber } from '../../domain/submissions/submission.ts';
import { wibClock } from '../../domain/time/wib.ts';
import { publishApplicationChange } from '../applications/changes.ts';
import { ANONYMOUS, CHANNEL_UNVERIFIED, channelAllowed, type Submitter } from '../applications/channels.ts';
import { holidayCalendar } from '../applications/service-clock.ts';
import { sameSecret } from '../applications/store.ts';
import { insertOnce, newTrackingNumber } from '../applications/tracking.ts';
import { queueComplaintNotice, wakeNotifier } from '../notify/notices.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { completeUploadTypes } from '../uploads/store.ts';
import { HISTORY_SQL, historyOf, residentHistory, type StoredEvent } from './complaint-history.ts';

type Accepted = Extract<ComplaintResult, { status: 'accepted' }>;
type Stored = { accepted: Accepted; secretHash: string };
type NewComplaint = Complaint & { officeId: string; serviceId: string | null; applicationId: string | null };

/**
 * One result per record, in order; a stored id answers with its stored acceptance before any check
 * (the device resends what it already sent) — to the device that sent it only: a resend without the
 * stored secret hash learns nothing (complaint.conflict). New complaints of a batch share one transaction.
 */
export async function fileComplaints(
  db: Database,
  records: readonly RecordEnvelope[],
  submitter: Submitter = ANONYMOUS,
): Promise<ComplaintResult[]> {
  const stored = await findAccepted(
    db,
    records.map((r) => r.id),
  );
  const results: Array<ComplaintResult | NewComplaint> = [];
  for (const raw of records) {
    const found = stored.get(raw.id.toLowerCase());
    if (found) {
      results.push(sameSecret(raw.secretHash, found.secretHash) ? { ...found.accepted, id: raw.id } : conflict(raw.id));
      continue;
    }
    const shape = checkShape(Complaint, raw);
    results.push(
      shape.ok
        ? await checkComplaint(db, shape.value, submitter)
        : { id: raw.id, status: 'rejected', errors: shape.errors },
    );
  }
  const fresh = results.filter(isNew);
  const files = await completeUploadTypes(
    db,
    fresh.flatMap((c) => (c.photo ? [c.photo.sha256] : [])),
  );
  const ready: NewComplaint[] = [];
  for (const [i, r] of results.entries()) {
    if (!isNew(r)) continue;
    const file = r.photo ? files.get(r.photo.sha256) : undefined;
    if (r.photo && !file) results[i] = { id: r.id, status: 'missing-attachments', sha256: [r.photo.sha256] };
    else if (r.photo && file && (file.type !== r.photo.type || file.size !== r.photo.size))
      results[i] = { id: r.id, status: 'rejected', errors: { photo: { code: 'document.mismatch' } } };
    else ready.push(r);
  }
  // In `ready`'s order, which is the batch's: one id twice in a batch may get two answers.
  const inserted = (await insertComplaints(db, ready)).values();
  for (const hash of new Set(ready.map((c) => c.deviceKeyHash).filter((h): h is string => !!h)))
    publishApplicationChange(db, hash);
  return results.map((r) => (isNew(r) ? inserted.next().value! : r));
}

const isNew = (r: ComplaintResult | NewComplaint): r is NewComplaint => !('status' in r);

async function checkComplaint(
  q: Queryable,
  c: Complaint,
  submitter: Submitter,
): Promise<ComplaintResult | NewComplaint> {
  const rejected = (key: string, code: ComplaintRefusal): ComplaintResult => ({
    id: c.id,
    status: 'rejected',
    errors: { [key]: { code } },
  });
  if (!channelAllowed(c.channel, submitter)) return rejected('channel', CHANNEL_UNVERIFIED);
  if (c.when > wibClock(new Date()).date) return rejected('when', 'complaint.when-future');
  const target = await resolveTarget(q, c.about);
  if ('error' in target) return rejected('about', target.error);
  return { ...c, ...target };
}

/** The office (and service, application) a complaint concerns, from the catalogue and the applications. */
async function resolveTarget(
  q: Queryable,
  about: ComplaintAbout,
): Promise<{ officeId: string; serviceId: string | null; applicationId: string | null } | { error: ComplaintRefusal }> {
  if (about.kind === 'service') {
    const [row] = await q.query<{ office_ids: string[] | null }>(
      `select doc->'officeIds' as office_ids from catalogue_docs where collection = 'services' and id = $1 and not deleted`,
      [about.serviceId],
    );
    const serving = row?.office_ids ?? [];
    if (serving.length === 0) return { error: 'complaint.service-unknown' };
    const officeId = about.officeId && serving.includes(about.officeId) ? about.officeId : serving[0]!;
    return { officeId, serviceId: about.serviceId, applicationId: null };
  }
  if (about.kind === 'office') {
    const [row] = await q.query(
      `select 1 from catalogue_docs where collection = 'offices' and id = $1 and not deleted`,
      [about.officeId],
    );
    return row
      ? { officeId: about.officeId, serviceId: null, applicationId: null }
      : { error: 'complaint.office-unknown' };
  }
  const [app] = await q.query<{ id: string; office_id: string | null; service_id: string }>(
    'select id::text, office_id, service_id from applications where tracking_number = $1',
    [about.trackingNumber],
  );
  if (!app?.office_id) return { error: 'complaint.application-unknown' };
  return { officeId: app.office_id, serviceId: app.service_id, applicationId: app.id };
}

async function insertComplaints(
  db: Database,
  complaints: readonly NewComplaint[],
  draw: () => TrackingNumber = newTrackingNumber,
): Promise<ComplaintResult[]> {
  if (complaints.length === 0) return [];
  return db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'complaintsWrite');
    // Received at the transaction's time (the column's default): each one's due time from it.
    const [now] = await tx.query<{ ms: number }>('select (extract(epoch from now()) * 1000)::float8 as ms');
    const cal = await holidayCalendar(tx);
    const out: ComplaintResult[] = [];
    for (const c of complaints)
      out.push(await insertOne(tx, c, new Date(complaintDueAt(now!.ms, c.category, cal)).toISOString(), draw));
    return out;
  });
}

async function insertOne(
  tx: Queryable,
  c: NewComplaint,
  dueAt: string,
  draw: () => TrackingNumber,
): Promise<ComplaintResult> {
  // Anonymous: whatever complainant the device sent is dropped here (and the table's check refuses it).
  const complainant = c.privacy === 'anonymous' || !c.complainant ? null : c.complainant;
  return insertOnce<ComplaintResult>(
    'complaint',
    async (trackingNumber) => {
      const [row] = await tx.query<{ tracking_number: string; received_at: string }>(
        `insert into complaints
         (id, tracking_number, office_id, service_id, application_id, about, category, what, happened_on, photo, privacy,
          complainant, channel, secret_hash, device_key_hash, due_at, seq)
       values ($1::uuid, $2, $3, $4, $5::uuid, $6::jsonb, $7, $8, $9::date, $10::jsonb, $11, $12::jsonb, $13, $14, $15,
               $16::timestamptz, nextval('complaints_seq'))
       on conflict do nothing
       returning tracking_number, received_at`,
        [
          c.id,
          trackingNumber,
          c.officeId,
          c.serviceId,
          c.applicationId,
          JSON.stringify(c.about),
          c.category,
          c.what,
          c.when,
          c.photo ? JSON.stringify(c.photo) : null,
          c.privacy,
          complainant ? JSON.stringify(complainant) : null,
          c.channel,
          c.secretHash,
          c.deviceKeyHash ?? null,
          dueAt,
        ],
      );
      return row && { id: c.id, status: 'accepted', trackingNumber: row.tracking_number, receivedAt: row.received_at };
    },
    // The same id committed meanwhile (a concurrent resend, or twice in one batch): its answer, if
    // it is this device's.
    async () => {
      const existing = (await findAccepted(tx, [c.id])).get(c.id.toLowerCase());
      if (!existing) return null;
      return sameSecret(c.secretHash, existing.secretHash) ? { ...existing.accepted, id: c.id } : conflict(c.id);
    },
    draw,
  );
}

/** Another device's complaint id: nothing about what is stored under it is told. */
const conflict = (id: string): ComplaintResult => ({
  id,
  status: 'rejected',
  errors: { id: { code: 'complaint.conflict' } },
});

async function findAccepted(q: Queryable, ids: readonly string[]): Promise<Map<string, Stored>> {
  const rows = await q.query<{ id: string; tracking_number: string; received_at: string; secret_hash: string }>(
    'select id::text, tracking_number, received_at, secret_hash from complaints where id = any($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.id,
      {
        accepted: { id: r.id, status: 'accepted', trackingNumber: r.tracking_number, receivedAt: r.received_at },
        secretHash: r.secret_hash,
      },
    ]),
  );
}

// ---------------------------------------------------------------------------------------------
// The device's pull

type AnswerJson = { at: string; text: string; role?: string };
const ANSWERS_SQL = `coalesce((select json_agg(json_build_object('at', a.at, 'text', a.text, 'role', a.actor_role) order by a.id)
                                from complaint_answers a where a.complaint_id = c.id), '[]'::json)`;

/** RxDB pull: this device's complaints changed after `seq`, in commit order, with the office's answers. */
export async function pullComplaintUpdates(db: Database, keyHash: string, after: number, limit: number) {
  const rows = await db.query<{
    id: string;
    tracking_number: string;
    status: ComplaintStatus;
    category: ComplaintCategory;
    office_id: string;
    answers: AnswerJson[] | string;
    history: StoredEvent[] | string;
    due_at: string;
    received_at: string;
    updated_at: string;
    seq: string | number;
  }>(
    `select c.id::text, c.tracking_number, c.status, c.category, c.office_id, ${ANSWERS_SQL} as answers,
            ${HISTORY_SQL} as history, c.due_at, c.received_at, c.updated_at, c.seq
       from complaints c where c.device_key_hash = $1 and c.seq > $2 order by c.seq limit $3`,
    [keyHash, after, limit],
  );
  const documents: Array<ComplaintUpdate & { _deleted: boolean }> = rows.map((r) => ({
    id: r.id,
    trackingNumber: r.tracking_number,
    status: r.status,
    category: r.category,
    officeId: r.office_id,
    answers: answersOf(r.answers).map((a) => ({ at: a.at, text: a.text })),
    history: residentHistory(historyOf(r.history)),
    dueAt: r.due_at,
    receivedAt: r.received_at,
    updatedAt: r.updated_at,
    _deleted: false,
  }));
  return { documents, checkpoint: { seq: rows.length ? Number(rows.at(-1)!.seq) : after } };
}

const answersOf = (v: AnswerJson[] | string): AnswerJson[] =>
  typeof v === 'string' ? (JSON.parse(v) as AnswerJson[]) : v;

// ---------------------------------------------------------------------------------------------
// The office

const officeFilter = (scope: OfficeScope): string[] | null => (scope === 'all' ? null : [...scope]);

type ListRow = {
  id: string;
  tracking_number: string;
  office_id: string;
  service_id: string | null;
  about_kind: ComplaintRow['aboutKind'];
  category: ComplaintCategory;
  privacy: ComplaintPrivacy;
  status: ComplaintStatus;
  received_at: string;
  due_at: string;
  overdue: boolean;
  answers: number;
};

/** Complaints of the offices in scope, newest first; no complainant and no text (the list is not audited). */
export async function listComplaints(
  db: Queryable,
  scope: OfficeScope,
  q: ComplaintListQuery,
  now: Date = new Date(),
): Promise<ComplaintRow[]> {
  const rows = await db.query<ListRow>(
    `select * from (
       select c.id::text, c.tracking_number, c.office_id, c.service_id, c.about->>'kind' as about_kind, c.category, c.privacy, c.status,
              c.received_at, c.due_at, (c.status <> 'closed' and c.due_at < $6::timestamptz) as overdue,
              (select count(*)::int from complaint_answers a where a.complaint_id = c.id) as answers
         from complaints c
        where ($1::text[] is null or c.office_id = any($1::text[]))
          and ($2::text is null or c.status = $2) and ($3::text is null or c.office_id = $3)
     ) x where ($4::boolean is null or x.overdue = $4)
     order by x.received_at desc, x.id limit $5`,
    [
      officeFilter(scope),
      q.status ?? null,
      q.officeId ?? null,
      q.overdue === undefined ? null : q.overdue === 'true',
      q.limit,
      now.toISOString(),
    ],
  );
  return rows.map(rowOf);
}

const rowOf = (r: ListRow): ComplaintRow => ({
  id: r.id,
  trackingNumber: r.tracking_number,
  officeId: r.office_id,
  serviceId: r.service_id,
  aboutKind: r.about_kind,
  category: r.category,
  privacy: r.privacy,
  status: r.status,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  overdue: r.overdue,
  answers: r.answers,
});

/**
 * One complaint in full, or null outside the scope (answered as unknown). The complainant of a
 * confidential complaint is shown to administrators only; an anonymous one has none stored.
 */
export async function getComplaint(
  db: Queryable,
  principal: Principal,
  scope: OfficeScope,
  id: string,
  now: Date = new Date(),
): Promise<ComplaintDetail | null> {
  const [r] = await db.query<
    ListRow & {
      about: ComplaintAbout;
      what: string;
      happened_on: string;
      photo: AttachmentRef | null;
      channel: Channel;
      complainant: Complainant | null;
      closed_at: string | null;
      answer_list: AnswerJson[] | string;
      history: StoredEvent[] | string;
    }
  >(
    `select c.id::text, c.tracking_number, c.office_id, c.service_id, c.about->>'kind' as about_kind, c.category, c.privacy, c.status,
            c.received_at, c.due_at, (c.status <> 'closed' and c.due_at < $3::timestamptz) as overdue, 0 as answers,
            c.about, c.what, to_char(c.happened_on, 'YYYY-MM-DD') as happened_on, c.photo, c.channel, c.complainant, c.closed_at,
            ${ANSWERS_SQL} as answer_list, ${HISTORY_SQL} as history
       from complaints c where c.id = $1::uuid and ($2::text[] is null or c.office_id = any($2::text[]))`,
    [id, officeFilter(scope), now.toISOString()],
  );
  if (!r) return null;
  const maySee = r.privacy === 'public' || (r.privacy === 'confidential' && principal.role === 'administrator');
  const { answers: _count, ...row } = rowOf(r);
  return {
    ...row,
    about: r.about,
    what: r.what,
    when: String(r.happened_on),
    photo: r.photo,
    channel: r.channel,
    complainant: maySee ? r.complainant : null,
    complainantWithheld: r.complainant !== null && !maySee,
    closedAt: r.closed_at ? r.closed_at : null,
    answers: answersOf(r.answer_list).map((a) => ({ at: a.at, text: a.text, role: a.role ?? '' })),
    history: historyOf(r.history),
  };
}

export type AnswerOutcome = { ok: true; officeId: string } | { ok: false; error: 'not_found' | 'closed' };

/**
 * The office answers (and may close) a complaint: the answer, the status, a new commit-ordered seq so
 * the filing device pulls it, and an event for its open streams. A closed complaint takes no more.
 */
export async function answerComplaint(
  db: Database,
  scope: OfficeScope,
  id: string,
  answer: { text: string; close?: boolean | undefined },
  actor: Pick<Principal, 'accountId' | 'role'>,
): Promise<AnswerOutcome> {
  const outcome = await db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'complaintsWrite');
    const [found] = await tx.query<{ status: ComplaintStatus; office_id: string }>(
      `select status, office_id from complaints where id = $1::uuid and ($2::text[] is null or office_id = any($2::text[])) for update`,
      [id, officeFilter(scope)],
    );
    if (!found) return { ok: false as const, error: 'not_found' as const, hash: null };
    if (found.status === 'closed') return { ok: false as const, error: 'closed' as const, hash: null };
    await tx.query(
      'insert into complaint_answers (complaint_id, actor_account_id, actor_role, text) values ($1::uuid, $2, $3, $4)',
      [id, actor.accountId, actor.role, answer.text],
    );
    const [row] = await tx.query<{ device_key_hash: string | null }>(
      `update complaints set status = $2, updated_at = now(), seq = nextval('complaints_seq'),
              closed_at = case when $2 = 'closed' then now() end
        where id = $1::uuid returning device_key_hash`,
      [id, answer.close ? 'closed' : 'answered'],
    );
    await queueComplaintNotice(tx, id);
    return { ok: true as const, officeId: found.office_id, hash: row!.device_key_hash };
  });
  if (outcome.ok) wakeNotifier(db);
  if (outcome.hash) publishApplicationChange(db, outcome.hash);
  return outcome.ok ? { ok: true, officeId: outcome.officeId } : { ok: false, error: outcome.error };
}
