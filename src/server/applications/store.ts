// Applications on the server: storing a submitted record exactly once under the device's id (with a
// tracking number and a commit-ordered change number), and the public status by tracking number.
import { timingSafeEqual } from 'node:crypto';
import { getDistricts } from 'idn-area-data';
import { acceptsCorrection } from '../../domain/backoffice/application-status.ts';
import { FormDefinition } from '../../domain/catalogue/form.ts';
import { formForVersion } from '../../domain/catalogue/service.ts';
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import { verifyCollection } from '../../domain/field/collection.ts';
import { checkShape, fieldErrorsOf } from '../../domain/field-errors.ts';
import {
  type Answers,
  type Attachments,
  draftAnswersSchema,
  relevantFields,
  type ValidationContext,
} from '../../domain/forms/validate.ts';
import { RegionDataset } from '../../domain/region.ts';
import {
  type ApplicationStatus,
  type RecordEnvelope,
  SubmissionRecord,
  type SubmissionRejection,
  type SubmissionResult,
  type TrackingNumber,
  type TrackingStatus,
} from '../../domain/submissions/submission.ts';
import { maybeProvisionalCode } from '../../domain/submissions/tracking-number.ts';
import { type DeviceKeyLookup, findDeviceKey } from '../field/keys.ts';
import { assignOffice } from '../office/assign.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { lockUntilCommit } from '../storage/locks.ts';
import { completeUploadTypes } from '../uploads/store.ts';
import { publishApplicationChange } from './changes.ts';
import { ANONYMOUS, CHANNEL_UNVERIFIED, channelAllowed, type Submitter } from './channels.ts';
import { acceptCorrection } from './corrections.ts';
import { computeClocks } from './service-clock.ts';
import { insertOnce, newTrackingNumber } from './tracking.ts';

type Accepted = Extract<SubmissionResult, { status: 'accepted' }>;
type Rejected = Extract<SubmissionResult, { status: 'rejected' }>;

/**
 * One result per record, in order. A record the rules refuse does not affect the others. The batch
 * costs a handful of queries and one transaction, however many records it holds: on a satellite
 * link the device waits for this answer, so per-record commits would be paid by every resident.
 * Records arrive as the batch checked them (an id each): each is checked against SubmissionRecord
 * on its own, so a malformed one (a NUL in a name, a wrong type) is rejected alone, naming its field.
 */
export async function submitBatch(
  db: Database,
  records: readonly RecordEnvelope[],
  submitter: Submitter = ANONYMOUS,
): Promise<SubmissionResult[]> {
  const lookups = batchLookups(db);
  // First write wins. The device resends the record it already sent (RxDB and flaky links retry),
  // so a stored id gets the stored answer, before any rule is checked: the form may have changed
  // since. A different body under the same id is a device bug, and the office may already be working
  // on the stored one, so it is not replaced. The stored answer (its tracking number) goes only to
  // the device that sent it: a resend carries the same secret hash; anyone else resending the id
  // gets a rejection that says nothing of the stored application.
  //
  // The one exception is an application the office sent back ("needs correction"): the resident
  // corrects it and the device resends the same id with the revised content. That record is checked
  // as a new one (rules, then photos: rejected / missing-attachments answers go back as usual), then
  // handed to acceptCorrection, which applies it only while the application still awaits a correction.
  const stored = await findStoredMany(
    db,
    records.map((r) => r.id),
  );
  const results: Array<SubmissionResult | NewApplication> = [];
  const corrections = new Set<number>();
  for (const [i, raw] of records.entries()) {
    const found = stored.get(raw.id.toLowerCase());
    if (found && !sameSecret(raw.secretHash, found.secretHash)) {
      results.push(conflict(raw.id));
      continue;
    }
    if (found && !acceptsCorrection(found.status)) {
      results.push({ ...found.accepted, id: raw.id });
      continue;
    }
    const shape = checkShape(SubmissionRecord, raw);
    const checked = shape.ok
      ? await checkRecord(shape.value, lookups, submitter)
      : ({ id: raw.id, status: 'rejected', errors: shape.errors } satisfies Rejected);
    if (found && isNewApplication(checked)) corrections.add(i);
    results.push(checked);
  }

  const candidates = results.filter(isNewApplication);
  const files = await completeUploadTypes(
    db,
    candidates.flatMap((app) => uniqueHashes(app.attachments)),
  );
  const ready: NewApplication[] = [];
  const corrected: Array<[number, NewApplication]> = [];
  for (const [i, result] of results.entries()) {
    if (!isNewApplication(result)) continue;
    const problem = fileProblem(result.id, result.attachments, files);
    if (problem) results[i] = problem;
    else if (corrections.has(i)) corrected.push([i, result]);
    else ready.push(result);
  }
  // Corrections are rare (one per office request), so each takes its own transaction in
  // acceptCorrection (content, history entry, new replication seq, the device's event) outside the
  // batch's single transaction for new records.
  for (const [i, app] of corrected) {
    await acceptCorrection(db, app.id, {
      formVersion: app.formVersion,
      answers: app.answers,
      attachments: app.attachments,
      secretHash: app.secretHash,
    });
    results[i] = { ...stored.get(app.id.toLowerCase())!.accepted, id: app.id };
  }
  const acceptedById = new Map((await insertApplications(db, ready)).map((a) => [a.id, a]));
  // The sending devices, if they have a page open, pull the new applications' first state.
  for (const hash of new Set(ready.map((app) => app.deviceKeyHash).filter((h): h is string => !!h)))
    publishApplicationChange(db, hash);
  return results.map((r) => (isNewApplication(r) ? acceptedById.get(r.id)! : r));
}

/** Answers are checked on their own: an issue's first path element is the field key. */
const NOT_KEYED: ReadonlySet<string> = new Set();

const isNewApplication = (r: SubmissionResult | NewApplication): r is NewApplication => !('status' in r);

/** Whether a resent record carries the secret hash stored with its id (compared in constant time). */
export function sameSecret(sent: unknown, stored: string): boolean {
  if (typeof sent !== 'string' || sent.length !== stored.length) return false;
  return timingSafeEqual(Buffer.from(sent), Buffer.from(stored));
}

/** A document field names a file that is stored as another type (or size): see completeUploadTypes. */
const DOCUMENT_MISMATCH = 'document.mismatch' satisfies SubmissionRejection;

/**
 * Another device's id: the same answer whether or not, and whatever, is stored under it — no
 * tracking number, no status. A real device never gets it (its ids are UUIDv7 it made itself).
 */
const conflict = (id: string): Rejected => ({
  id,
  status: 'rejected',
  errors: { id: { code: 'submission.conflict' } },
});

/** The record as it will be stored, or why the service's rules refuse it. */
async function checkRecord(
  record: SubmissionRecord,
  lookups: BatchLookups,
  submitter: Submitter,
): Promise<SubmissionResult | NewApplication> {
  const { id } = record;
  // A field record proves its channel by its signature (checkCollector); the others by who sends them.
  if (record.channel !== 'field' && !channelAllowed(record.channel, submitter, { officeId: record.officeId }))
    return { id, status: 'rejected', errors: { channel: { code: CHANNEL_UNVERIFIED } } };
  const collector = await checkCollector(record, lookups);
  if (collector !== null && typeof collector === 'object') return collector;
  const forms = await lookups.forms(record.serviceId);
  if (!forms) return { id, status: 'rejected', errors: { serviceId: { code: 'service.unknown' } } };
  // A draft keeps the form version it was begun with while that version is open (Service.earlierForms):
  // the device showed and checked exactly that form, so the server checks the same. A closed or
  // unknown version is checked against the current form: answers that still meet it are accepted
  // (no needless trip back to the resident); otherwise the field errors send the draft back to be
  // completed against the refreshed form. The stored version is the one the answers were checked against.
  const content = await checkAgainstForm(id, forms, record, lookups);
  if ('status' in content) return content;
  const { consent: _consent, collectedBy: _collectedBy, ...rest } = record;
  return { ...rest, ...content, ...(collector ? { collectedByAccountId: collector } : {}) };
}

type CheckedContent = {
  formVersion: number;
  answers: Record<string, unknown>;
  attachments: Record<string, AttachmentRef[]>;
};

/** Answers and photos against the service's form: the kept content, or the field errors. */
async function checkAgainstForm(
  id: string,
  forms: ServiceForms,
  content: { formVersion: number; answers: Record<string, unknown>; attachments: Attachments },
  lookups: BatchLookups,
): Promise<CheckedContent | Rejected> {
  const form = formForVersion(forms, content.formVersion);
  const ctx = await lookups.validation();
  const checked = draftAnswersSchema(form, ctx, content.attachments).safeParse(content.answers);
  if (!checked.success) return { id, status: 'rejected', errors: fieldErrorsOf(checked.error, NOT_KEYED) };
  return {
    formVersion: form.version,
    answers: checked.data,
    attachments: formAttachments(form, checked.data, content.attachments, ctx.today),
  };
}

/** A document field naming a file stored as another type (rejected), or files not uploaded yet. */
function fileProblem(
  id: string,
  attachments: Record<string, AttachmentRef[]>,
  files: ReadonlyMap<string, { type: string; size: number }>,
): Exclude<SubmissionResult, Accepted> | null {
  const mismatched = mismatchedFields(attachments, files);
  if (mismatched.length > 0)
    return {
      id,
      status: 'rejected',
      errors: Object.fromEntries(mismatched.map((field) => [field, { code: DOCUMENT_MISMATCH }])),
    };
  const absent = uniqueHashes(attachments).filter((h) => !files.has(h));
  return absent.length > 0 ? { id, status: 'missing-attachments', sha256: absent } : null;
}

/**
 * Corrected content an officer entered at the counter for a stored application, checked as a
 * device's record is (the form's rules, then every photo uploaded and of its declared type).
 */
export async function checkCorrectedContent(
  db: Database,
  app: { id: string; serviceId: string },
  content: { formVersion: number; answers: Record<string, unknown>; attachments: Attachments },
): Promise<{ ok: true; content: CheckedContent } | { ok: false; result: Exclude<SubmissionResult, Accepted> }> {
  const lookups = batchLookups(db);
  const forms = await lookups.forms(app.serviceId);
  if (!forms)
    return {
      ok: false,
      result: { id: app.id, status: 'rejected', errors: { serviceId: { code: 'service.unknown' } } },
    };
  const checked = await checkAgainstForm(app.id, forms, content, lookups);
  if ('status' in checked) return { ok: false, result: checked };
  const files = await completeUploadTypes(db, uniqueHashes(checked.attachments));
  const problem = fileProblem(app.id, checked.attachments, files);
  return problem ? { ok: false, result: problem } : { ok: true, content: checked };
}

/**
 * Who collected the record: a field record must carry the signature of a registered, unrevoked
 * device key of an active field officer over its collection statement (the service worker that
 * delivers it holds no officer credential: the signature made at "Kirim" is the proof). Records of
 * other channels must not carry one. The collecting account's id, null for other channels, or the
 * rejection.
 */
async function checkCollector(record: SubmissionRecord, lookups: BatchLookups): Promise<string | null | Rejected> {
  const reject = (code: string): Rejected => ({ id: record.id, status: 'rejected', errors: { collectedBy: { code } } });
  if (record.channel !== 'field') return record.collectedBy ? reject('collectedBy.unexpected') : null;
  if (!record.collectedBy) return reject('collectedBy.required');
  const key = await lookups.deviceKey(record.collectedBy.keyId);
  if (key.kind !== 'active') return reject('collectedBy.invalid');
  if (!(await verifyCollection(record, record.collectedBy.signature, key.publicKey)))
    return reject('collectedBy.invalid');
  return key.accountId;
}

// ---------------------------------------------------------------------------------------------
// Writing

export type NewApplication = Omit<SubmissionRecord, 'consent' | 'answers' | 'collectedBy'> & {
  answers: Record<string, unknown>;
  /** The field officer's account whose device signed the record (channel 'field'). */
  collectedByAccountId?: string;
};

/** Stores a checked application; `draw` makes tracking numbers (a parameter so tests can force a collision). */
export async function insertApplication(
  db: Database,
  app: NewApplication,
  draw: () => TrackingNumber = newTrackingNumber,
): Promise<Accepted> {
  const [result] = await insertApplications(db, [app], draw);
  if (result?.status !== 'accepted') throw new Error(`${app.id} is stored with another secret`);
  return result;
}

/** Stores checked applications in one transaction: one lock, one commit for the whole batch. */
export async function insertApplications(
  db: Database,
  apps: readonly NewApplication[],
  draw: () => TrackingNumber = newTrackingNumber,
): Promise<Array<Accepted | Rejected>> {
  if (apps.length === 0) return [];
  return db.transaction(async (tx) => {
    await lockUntilCommit(tx, 'applicationsWrite');
    const results: Array<Accepted | Rejected> = [];
    for (const app of apps) results.push(await insertOne(tx, app, draw));
    await computeClocks(
      tx,
      results.flatMap((r) => (r.status === 'accepted' ? [r.id] : [])),
    );
    return results;
  });
}

async function insertOne(tx: Queryable, app: NewApplication, draw: () => TrackingNumber): Promise<Accepted | Rejected> {
  const officeId = await assignOffice(tx, app);
  return insertOnce(
    'application',
    async (trackingNumber) => {
      const [row] = await tx.query<StoredRow>(
        `insert into applications
         (id, tracking_number, service_id, form_version, channel, applicant, answers, attachments, secret_hash, device_key_hash, seq, office_id, collected_by)
       values ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8::jsonb, $9, $10, nextval('applications_seq'), $11, $12::uuid)
       on conflict do nothing
       returning tracking_number, received_at`,
        [
          app.id,
          trackingNumber,
          app.serviceId,
          app.formVersion,
          app.channel,
          JSON.stringify(app.applicant),
          JSON.stringify(app.answers),
          JSON.stringify(app.attachments),
          app.secretHash,
          app.deviceKeyHash ?? null,
          officeId,
          app.collectedByAccountId ?? null,
        ],
      );
      return row && accepted(app.id, row);
    },
    // The same id committed while this request was checking it (a concurrent resend): its answer,
    // if it is this device's.
    async () => {
      const existing = (await findStoredMany(tx, [app.id])).get(app.id.toLowerCase());
      if (!existing) return null;
      return sameSecret(app.secretHash, existing.secretHash) ? { ...existing.accepted, id: app.id } : conflict(app.id);
    },
    draw,
  );
}

type StoredRow = { tracking_number: string; received_at: string };

const accepted = (id: string, row: StoredRow): Accepted => ({
  id,
  status: 'accepted',
  trackingNumber: row.tracking_number,
  receivedAt: row.received_at,
});

/**
 * The stored answer, the office's status and the secret hash of each id already stored, keyed by the
 * id in lower case, as the database writes a uuid.
 */
async function findStoredMany(
  q: Queryable,
  ids: readonly string[],
): Promise<Map<string, { accepted: Accepted; status: ApplicationStatus; secretHash: string }>> {
  const rows = await q.query<StoredRow & { id: string; status: ApplicationStatus; secret_hash: string }>(
    'select id::text, tracking_number, received_at, status, secret_hash from applications where id = any($1::uuid[])',
    [ids],
  );
  return new Map(
    rows.map((row) => [row.id, { accepted: accepted(row.id, row), status: row.status, secretHash: row.secret_hash }]),
  );
}

// ---------------------------------------------------------------------------------------------
// Reading

/** The public status of an application: nothing about the person (the number may be overheard). */
export async function trackApplication(db: Database, trackingNumber: TrackingNumber): Promise<TrackingStatus | null> {
  type Found = {
    tracking_number: TrackingNumber;
    service_id: string;
    status: ApplicationStatus;
    office_id: string | null;
    received_at: string;
    updated_at: string;
  };
  const columns = 'tracking_number, service_id, status, office_id, received_at, updated_at';
  let [row] = await db.query<Found>(`select ${columns} from applications where tracking_number = $1`, [trackingNumber]);
  let provisional: string | undefined;
  if (!row && maybeProvisionalCode(trackingNumber)) {
    // A kiosk receipt's provisional code (0021_kiosk_codes.sql): answered only when one delivered
    // kiosk application has it; two sharing the 32 bits are told apart by neither, so by no code.
    const rows = await db.query<Found>(
      `select ${columns} from applications
        where channel = 'kiosk' and upper(right(replace(id::text, '-', ''), 8)) = $1 limit 2`,
      [trackingNumber.replace('-', '')],
    );
    if (rows.length === 1) [row, provisional] = [rows[0], trackingNumber];
  }
  if (!row) return null;
  return {
    trackingNumber: row.tracking_number,
    serviceId: row.service_id,
    status: row.status,
    ...(row.office_id ? { officeId: row.office_id } : {}),
    receivedAt: row.received_at,
    updatedAt: row.updated_at,
    ...(provisional ? { provisionalCode: provisional } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// What records are checked against

/** A service's current form and its open earlier versions: what records are checked against. */
type ServiceForms = { form: FormDefinition; earlierForms?: FormDefinition[] };

type BatchLookups = {
  forms(serviceId: string): Promise<ServiceForms | null>;
  validation(): Promise<ValidationContext>;
  deviceKey(keyId: string): Promise<DeviceKeyLookup>;
};

/** Catalogue reads memoised for one batch: a hundred records of one service cost one query. */
function batchLookups(db: Database): BatchLookups {
  const forms = new Map<string, Promise<ServiceForms | null>>();
  let validation: Promise<ValidationContext> | undefined;
  const keys = new Map<string, Promise<DeviceKeyLookup>>();
  return {
    forms(serviceId) {
      const known = forms.get(serviceId);
      if (known) return known;
      const loading = loadForms(db, serviceId);
      forms.set(serviceId, loading);
      return loading;
    },
    validation: () => (validation ??= validationContext(db)),
    deviceKey(keyId) {
      const known = keys.get(keyId);
      if (known) return known;
      const key = findDeviceKey(db, keyId);
      keys.set(keyId, key);
      return key;
    },
  };
}

const EarlierForms = FormDefinition.array();

async function loadForms(db: Database, serviceId: string): Promise<ServiceForms | null> {
  const [row] = await db.query<{ form: unknown; earlier: unknown }>(
    `select doc->'form' as form, doc->'earlierForms' as earlier
       from catalogue_docs where collection = 'services' and id = $1 and not deleted`,
    [serviceId],
  );
  if (!row) return null;
  // Parsed, not cast: a malformed stored form must fail loudly rather than accept anything.
  const form = FormDefinition.parse(row.form);
  return row.earlier == null ? { form } : { form, earlierForms: EarlierForms.parse(row.earlier) };
}

async function validationContext(db: Database): Promise<ValidationContext> {
  const [districtExists, villageExists] = await Promise.all([nationalDistricts(), regionVillages(db)]);
  return { today: new Date(), districtExists, ...(villageExists ? { villageExists } : {}) };
}

let districts: Promise<(code6: string) => boolean> | undefined;

/**
 * Every district of Indonesia, read once per process: NIK and KK carry where a person was first
 * registered, often outside the served regency. Read through idn-area-data's own loader (the
 * district-codes Vite plugin does the same for devices, but the server may not import the app).
 */
function nationalDistricts(): Promise<(code6: string) => boolean> {
  if (!districts) {
    const loading = getDistricts().then((rows) => {
      const codes = new Set(rows.map((d) => d.code.replaceAll('.', '')));
      return (code6: string) => codes.has(code6);
    });
    districts = loading;
    // A failed read is not cached: the next batch tries again instead of failing forever.
    loading.catch(() => {
      if (districts === loading) districts = undefined;
    });
  }
  return districts;
}

const Villages = RegionDataset.shape.villages;

/** The villages of the region datasets in the catalogue; none published means codes are not checked. */
async function regionVillages(db: Database): Promise<((code: string) => boolean) | undefined> {
  const rows = await db.query<{ villages: unknown }>(
    `select doc->'villages' as villages from catalogue_docs where collection = 'regions' and not deleted`,
  );
  if (rows.length === 0) return undefined;
  const codes = new Set(rows.flatMap((r) => Villages.parse(r.villages).map(([code]) => code)));
  return (code) => codes.has(code);
}

// ---------------------------------------------------------------------------------------------
// Shaping

/**
 * Only the files of the form's document fields that apply to these answers are kept, as only their
 * answers are: what the service does not ask for is neither stored nor waited for (UU 27/2022).
 */
function formAttachments(
  form: FormDefinition,
  answers: Answers,
  attachments: Attachments,
  today: Date,
): Record<string, AttachmentRef[]> {
  const kept: Record<string, AttachmentRef[]> = {};
  for (const field of relevantFields(form, answers, attachments, today)) {
    const refs =
      field.kind === 'document' && Object.hasOwn(attachments, field.key) ? attachments[field.key] : undefined;
    if (refs && refs.length > 0) kept[field.key] = [...refs];
  }
  return kept;
}

/** The document fields naming a stored file as another type or size than it has. */
function mismatchedFields(
  attachments: Record<string, AttachmentRef[]>,
  stored: ReadonlyMap<string, { type: string; size: number }>,
): string[] {
  return Object.entries(attachments)
    .filter(([, refs]) =>
      refs.some((ref) => {
        const file = stored.get(ref.sha256);
        return file !== undefined && (file.type !== ref.type || file.size !== ref.size);
      }),
    )
    .map(([field]) => field);
}

function uniqueHashes(attachments: Record<string, AttachmentRef[]>): string[] {
  return [...new Set(Object.values(attachments).flatMap((refs) => refs.map((r) => r.sha256)))];
}
