// Drafts on the device: created, changed field by field (every change is written at once — there is
// no save button), listed and deleted. Writes to one draft are serialized and coalesced, so a burst
// of keystrokes never queues a backlog and the latest value always lands.
//
// On a field officer's tablet the drafts are sealed at rest (sealing.ts). While it is locked every
// read here fails with FieldLockedError before it reaches RxDB: RxDB keeps a query that failed in its
// storage failed for the rest of the page, so the storage's own refusal is only the last line.
import type { RxDocument } from 'rxdb';
import { from, map, type Observable, switchMap } from 'rxjs';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { removeUnreferenced } from '../attachments/store.ts';
import { type NusaDatabase, openDatabase } from '../database.ts';
import { sealingKey } from '../field/at-rest.ts';
import { photosStillNeeded } from '../outbox/kinds.ts';
import { outboxDatabase } from '../outbox/outbox-db.ts';
import { uuidv7 } from '../uuidv7.ts';

export type NewDraft = Pick<Draft, 'serviceId' | 'formVersion' | 'applicant'>;

export async function createDraft(input: NewDraft): Promise<string> {
  const db = await openDatabase();
  const now = Date.now();
  const id = uuidv7(now);
  await db.drafts.insert({
    ...input,
    id,
    answers: {},
    attachments: {},
    consent: false,
    createdAt: now,
    updatedAt: now,
  });
  return id;
}

/** The database once the drafts can be read: FieldLockedError on an officer's tablet that is locked. */
async function readableDrafts(): Promise<NusaDatabase> {
  await sealingKey();
  return openDatabase();
}

export const drafts$ = (): Observable<Draft[]> =>
  from(readableDrafts()).pipe(
    switchMap((db) => db.drafts.find().$),
    // Newest change first; sorted here because the Dexie storage cannot index every field.
    map((docs) => docs.map((d) => d.toMutableJSON(false) as Draft).sort((a, b) => b.updatedAt - a.updatedAt)),
  );

export const draft$ = (id: string): Observable<Draft | null> =>
  from(readableDrafts()).pipe(
    switchMap((db) => db.drafts.findOne(id).$),
    map((doc) => (doc ? (doc.toMutableJSON(false) as Draft) : null)),
  );

type Change = (d: Draft) => Draft;

/** One writer per draft: changes made while a write is in flight are applied together next. */
const writers = new Map<
  string,
  { pending: Change[]; running: Promise<void> | null; waiters: Array<{ resolve(): void; reject(e: unknown): void }> }
>();

function change(id: string, fn: Change): Promise<void> {
  let w = writers.get(id);
  if (!w) {
    w = { pending: [], running: null, waiters: [] };
    writers.set(id, w);
  }
  w.pending.push(fn);
  const done = new Promise<void>((resolve, reject) => w!.waiters.push({ resolve, reject }));
  if (!w.running) w.running = flush(id, w);
  return done;
}

async function flush(id: string, w: NonNullable<ReturnType<typeof writers.get>>): Promise<void> {
  const db = await openDatabase();
  while (w.pending.length > 0) {
    const batch = w.pending.splice(0);
    const waiters = w.waiters.splice(0);
    try {
      await sealingKey();
      const doc = (await db.drafts.findOne(id).exec()) as RxDocument<Draft> | null;
      if (!doc) throw new DraftGoneError(id);
      await doc.incrementalModify((d) => {
        let next = d as Draft;
        for (const fn of batch) next = fn(next);
        return { ...next, updatedAt: Date.now() };
      });
      for (const x of waiters) x.resolve();
    } catch (err) {
      for (const x of waiters) x.reject(err);
    }
  }
  w.running = null;
  writers.delete(id);
}

export class DraftGoneError extends Error {
  constructor(id: string) {
    super(`draft ${id} no longer exists`);
  }
}

export function saveAnswer(id: string, key: string, value: AnswerValue | undefined): Promise<void> {
  return change(id, (d) => {
    const answers = { ...d.answers };
    if (value === undefined || value === '') delete answers[key];
    else answers[key] = value;
    return { ...d, answers };
  });
}

export function setAttachments(id: string, key: string, refs: AttachmentRef[]): Promise<void> {
  return change(id, (d) => {
    const attachments = { ...d.attachments };
    if (refs.length) attachments[key] = refs;
    else delete attachments[key];
    return { ...d, attachments };
  });
}

export function setConsent(id: string, consent: boolean): Promise<void> {
  return change(id, (d) => ({ ...d, consent }));
}

/** Deletes a draft and the photos no other draft names (after the store's grace period). */
export async function deleteDraft(id: string): Promise<void> {
  const db = await readableDrafts();
  await db.drafts.findOne(id).remove();
  // A queued complaint's photo is named by no draft: what the outbox still has to send is kept too.
  const keep = await referencedAttachments();
  for (const sha256 of photosStillNeeded(await outboxDatabase().entries.toArray())) keep.add(sha256);
  await removeUnreferenced(keep);
}

/** Every attachment hash any draft still names: the file store keeps exactly these. */
export async function referencedAttachments(): Promise<Set<string>> {
  const db = await readableDrafts();
  const all = await db.drafts.find().exec();
  return new Set(
    all.flatMap((d) =>
      Object.values((d as RxDocument<Draft>).attachments).flatMap((refs) => refs.map((r) => r.sha256)),
    ),
  );
}
