// Drafts on the device: created, changed field by field (every change is kept at once — there is no
// save button), listed and deleted.
//
// A change is durable when its journal record is committed (journal.ts: one small put, a few
// milliseconds, so a keystroke is on disk within a frame). The put is requested in the task of the
// change itself, not a frame later, so a page that crashes right after a keystroke has still handed
// it to IndexedDB; changes made in one task go in one put. RxDB, whose document write costs far more,
// takes the changes once typing pauses, when the page is hidden or left, and before any screen reads
// the drafts anew; until then every reader sees them laid over RxDB's copy. A page that crashed
// leaves its journal for the next one to replay into RxDB.
//
// On a field officer's tablet the drafts are sealed at rest (sealing.ts), and so are their journal
// records. While it is locked every read here fails with FieldLockedError before it reaches RxDB:
// RxDB keeps a query that failed in its storage failed for the rest of the page, so the storage's own
// refusal is only the last line.
import type { RxDocument } from 'rxdb';
import { combineLatest, filter, from, map, type Observable, Subject, startWith, switchMap } from 'rxjs';
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';
import { removeUnreferenced } from '../attachments/store.ts';
import { type NusaDatabase, openDatabase } from '../database.ts';
import { sealingKey, sealingKeyNow } from '../field/at-rest.ts';
import { photosStillNeeded } from '../outbox/kinds.ts';
import { outboxDatabase } from '../outbox/outbox-db.ts';
import { uuidv7 } from '../uuidv7.ts';
import { dropDraftCopies, keepDraftCopy } from './draft-copy.ts';
import { earlyWritesSettled, lastEarlySeq, takeOverDraftWrites } from './first-writes.ts';
import {
  applyPatch,
  type DraftPatch,
  discardJournal,
  journalRecord,
  mergePatch,
  putJournal,
  readJournal,
  settleJournal,
} from './journal.ts';
import { answerPatch, attachmentsPatch, type JournalRecord } from './patch.ts';
export type NewDraft = Pick<Draft, 'serviceId' | 'formVersion' | 'applicant'>;

export async function createDraft(input: NewDraft): Promise<string> {
  const db = await openDatabase();
  const now = Date.now();
  const id = uuidv7(now);
  const draft: Draft = { ...input, id, answers: {}, attachments: {}, consent: false, createdAt: now, updatedAt: now };
  await db.drafts.insert(draft);
  // A locked officer's tablet (sealingKey throws) gets no copy either.
  await copyIfPlain(draft, await sealingKey().catch(() => undefined));
  return id;
}

/**
 * How long typing must pause before RxDB takes the changes (the journal has them already): its write
 * of a whole document is a long task on a slow phone, which must not land between two keystrokes.
 */
const APPLY_AFTER_MS = 500;

type Waiter = { seq: number; resolve(): void; reject(e: unknown): void };
/** A draft's changes that RxDB does not have yet, and the journal puts that hold them. */
type Pending = {
  seq: number;
  at: number;
  unapplied: DraftPatch;
  waiters: Waiter[];
  /** A put is due for changes made since the last one. */
  due: boolean;
  /** Resolves once the latest put was requested: the next one waits for it, so puts stay in order. */
  requested: Promise<void>;
  /** No put is waiting to be requested: on a plain device the next one can be requested at once. */
  idle: boolean;
  /** Puts requested and not yet committed. */
  committing: Set<Promise<void>>;
  applying: Promise<void> | null;
  timer: ReturnType<typeof setTimeout> | undefined;
};

const pending = new Map<string, Pending>();
/** Journal records the form read or wrote before this module took over (first-writes.ts). */
let earlyRecords = new Map<string, JournalRecord | null>();
/** Ids of drafts changed in this page: live views lay the change over RxDB's copy at once. */
const changed = new Subject<string>();
/** Grows across pages (a new page starts above the time), so a journal record's seq orders its writes. */
let lastSeq = Math.max(Date.now() * 1000, lastEarlySeq());

let replayed: Promise<void> | undefined;

/** Once per page: what a page that crashed or closed left in the journal goes into RxDB first. */
function replayJournal(): Promise<void> {
  replayed ??= (async () => {
    // What the form wrote before this code arrived is in the journal first.
    await earlyWritesSettled();
    const [entries, db, key] = await Promise.all([readJournal(), openDatabase(), sealingKey().catch(() => undefined)]);
    if (!entries.length) return;
    for (const e of entries) {
      const doc = (await db.drafts.findOne(e.id).exec()) as RxDocument<Draft> | null;
      if (doc) {
        const after = await doc.incrementalModify((d) => applyPatch(d as Draft, e.patch, Math.max(d.updatedAt, e.at)));
        await copyIfPlain(after.toMutableJSON(false) as Draft, key);
      }
      await settleJournal(e.id, e.seq);
    }
  })().catch((err: unknown) => {
    replayed = undefined; // locked, or storage trouble: the next reader tries again
    throw err;
  });
  return replayed;
}

/** The database once the drafts can be read: FieldLockedError on an officer's tablet that is locked. */
async function readableDrafts(): Promise<NusaDatabase> {
  await sealingKey();
  // The journal and the database open side by side; the replay needs both.
  const [db] = await Promise.all([openDatabase(), replayJournal()]);
  await flushDrafts();
  return db;
}

/** A draft as this page knows it: RxDB's copy with the changes RxDB has not taken yet. */
function withPending(d: Draft): Draft {
  const p = pending.get(d.id);
  return p ? applyPatch(d, p.unapplied, p.at) : d;
}

export const drafts$ = (): Observable<Draft[]> =>
  from(readableDrafts()).pipe(
    switchMap((db) => combineLatest([db.drafts.find().$, changed.pipe(startWith(''))])),
    // Newest change first; sorted here because the Dexie storage cannot index every field.
    map(([docs]) =>
      docs.map((d) => withPending(d.toMutableJSON(false) as Draft)).sort((a, b) => b.updatedAt - a.updatedAt),
    ),
  );

export const draft$ = (id: string): Observable<Draft | null> =>
  from(readableDrafts()).pipe(
    switchMap((db) =>
      combineLatest([
        db.drafts.findOne(id).$,
        changed.pipe(
          filter((c) => c === id),
          startWith(id),
        ),
      ]),
    ),
    map(([doc]) => (doc ? withPending(doc.toMutableJSON(false) as Draft) : null)),
  );

function change(id: string, patch: DraftPatch): Promise<void> {
  let p = pending.get(id);
  if (!p) {
    // A record this page already knows (the form was shown from its copy) is carried on by ours, so
    // our first put need not wait for the replay; any other is replayed first, then ours goes.
    const early = earlyRecords.get(id);
    earlyRecords.delete(id);
    const known = early !== undefined && early?.sealed === undefined;
    p = {
      seq: 0,
      at: 0,
      unapplied: known && early?.patch ? early.patch : {},
      waiters: [],
      due: false,
      requested: known ? earlyWritesSettled() : replayJournal().catch(() => undefined),
      idle: false,
      committing: new Set(),
      applying: null,
      timer: undefined,
    };
    pending.set(id, p);
  }
  const mine = p;
  mine.seq = ++lastSeq;
  mine.at = Date.now();
  mine.unapplied = mergePatch(mine.unapplied, patch);
  const done = new Promise<void>((resolve, reject) => mine.waiters.push({ seq: mine.seq, resolve, reject }));
  if (!mine.due) {
    mine.due = true;
    // Plain device, nothing queued: the put is requested right here, before the screen re-renders,
    // so IndexedDB commits it while the page draws. Otherwise in order, after the one before.
    if (mine.idle && sealingKeyNow() === null) issuePut(id, mine, null);
    else {
      mine.idle = false;
      mine.requested = mine.requested
        .then(() => requestPut(id, mine))
        .finally(() => {
          if (!mine.due) mine.idle = true;
        });
    }
  }
  clearTimeout(mine.timer);
  mine.timer = setTimeout(() => whenIdle(() => void applyToRx(id).catch(() => undefined)), APPLY_AFTER_MS);
  // Live views hear of the change once it is committed, after the caller has: their render (the
  // whole form, on a slow phone longer than the write) would otherwise hold the completion back.
  const heard = () => queueMicrotask(() => changed.next(id));
  done.then(heard, heard);
  return done;
}

/** Requests one journal put with every change made so far; its waiters hear when it is committed. */
async function requestPut(id: string, p: Pending): Promise<void> {
  let key: CryptoKey | null;
  try {
    key = await sealingKey();
  } catch (err) {
    return issuePut(id, p, err as Error);
  }
  await issuePut(id, p, key);
}

/** Takes the changes made so far and requests their put (sealed under `key`; an Error fails them). */
function issuePut(id: string, p: Pending, key: CryptoKey | null | Error): Promise<void> {
  p.due = false;
  const { seq, at, unapplied } = p;
  const waiters = p.waiters.filter((w) => w.seq <= seq);
  p.waiters = p.waiters.filter((w) => w.seq > seq);
  let committed: Promise<void>;
  let requested: Promise<void> = Promise.resolve();
  if (key instanceof Error) committed = Promise.reject(key);
  else if (key === null) committed = putJournal({ id, seq, at, patch: unapplied });
  else {
    // Sealing takes a moment: the put is requested once it is done, before any later one.
    const record = journalRecord(id, seq, at, unapplied, key);
    committed = record.then(putJournal);
    requested = record.then(
      () => undefined,
      () => undefined,
    );
  }
  p.committing.add(committed);
  committed.then(
    () => {
      for (const w of waiters) w.resolve();
    },
    (err: unknown) => {
      for (const w of waiters) w.reject(err);
    },
  );
  void committed.catch(() => undefined).finally(() => p.committing.delete(committed));
  return requested;
}

/** Until every put requested for the draft so far is committed (or failed). */
async function journalSettled(p: Pending): Promise<void> {
  await p.requested;
  await Promise.allSettled([...p.committing]);
}

/** Hands a draft's pending changes to RxDB and clears what RxDB took from the journal. */
function applyToRx(id: string): Promise<void> {
  const p = pending.get(id);
  if (!p) return Promise.resolve();
  clearTimeout(p.timer);
  p.timer = undefined;
  const run = async (): Promise<void> => {
    const { seq, at, unapplied } = p;
    if (isEmpty(unapplied)) return;
    const key = await sealingKey();
    const db = await openDatabase();
    const doc = (await db.drafts.findOne(id).exec()) as RxDocument<Draft> | null;
    if (!doc) {
      pending.delete(id);
      throw new DraftGoneError(id);
    }
    const after = await doc.incrementalModify((d) => applyPatch(d as Draft, unapplied, at));
    // A draft forgotten meanwhile (deleted, a kiosk session wiped) gets no copy.
    if (pending.get(id) === p) await copyIfPlain(after.toMutableJSON(false) as Draft, key);
    p.unapplied = withoutApplied(p.unapplied, unapplied);
    // The journal record for `seq` must be there before it can be removed.
    await journalSettled(p);
    await settleJournal(id, seq);
    if (p.seq === seq && pending.get(id) === p) pending.delete(id);
  };
  const previous = p.applying ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  p.applying = next;
  void next.finally(() => {
    if (p.applying === next) p.applying = null;
  });
  return next;
}

const whenIdle = (run: () => void) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 1_000 }) : run();

const isEmpty = (patch: DraftPatch): boolean => !patch.answers && !patch.attachments && patch.consent === undefined;

/** What is left of `current` once `applied` is in RxDB: the keys changed again since. */
function withoutApplied(current: DraftPatch, applied: DraftPatch): DraftPatch {
  const rest = <V>(cur?: Record<string, V>, done?: Record<string, V>) => {
    if (!cur) return undefined;
    const left = Object.fromEntries(Object.entries(cur).filter(([k, v]) => !done || !(k in done) || done[k] !== v));
    return Object.keys(left).length ? left : undefined;
  };
  const out: DraftPatch = {};
  const answers = rest(current.answers, applied.answers);
  const attachments = rest(current.attachments, applied.attachments);
  if (answers) out.answers = answers;
  if (attachments) out.attachments = attachments;
  if (current.consent !== undefined && current.consent !== applied.consent) out.consent = current.consent;
  return out;
}

/** Hands every draft's pending changes to RxDB (before reading drafts anew, and when the page goes away). */
export async function flushDrafts(): Promise<void> {
  await Promise.all([...pending.keys()].map((id) => applyToRx(id).catch(() => undefined)));
}

/** Forgets drafts that are being removed: their unsaved changes and journal records go with them. */
export async function forgetDrafts(ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const p = pending.get(id);
    pending.delete(id);
    if (p) {
      clearTimeout(p.timer);
      await journalSettled(p);
      await p.applying?.catch(() => undefined);
    }
  }
  await discardJournal(ids);
  await dropDraftCopies(ids);
}

/**
 * A draft just sent is read-only: its last changes go to RxDB now (no catch-up may write its copy
 * later) and its copy goes, so the form never shows it editable from one.
 */
export async function retireDraftCopy(id: string): Promise<void> {
  await applyToRx(id).catch(() => undefined);
  await dropDraftCopies([id]);
}

/** The form's first copy of a draft (draft-copy.ts): only of a draft kept plain on this device. */
function copyIfPlain(draft: Draft, key: CryptoKey | null | undefined): Promise<void> {
  return key === null ? keepDraftCopy(draft) : dropDraftCopies([draft.id]).catch(() => undefined);
}

if (typeof window !== 'undefined') {
  // The journal has every change already; this only spares the next page the replay.
  window.addEventListener('pagehide', () => void flushDrafts());
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') void flushDrafts();
  });
}

export class DraftGoneError extends Error {
  constructor(id: string) {
    super(`draft ${id} no longer exists`);
  }
}

export function saveAnswer(id: string, key: string, value: AnswerValue | undefined): Promise<void> {
  return change(id, answerPatch(key, value));
}

export function setAttachments(id: string, key: string, refs: AttachmentRef[]): Promise<void> {
  return change(id, attachmentsPatch(key, refs));
}

// From here on the form's writes (first-writes.ts) come through this module.
earlyRecords = takeOverDraftWrites({ change });

export function setConsent(id: string, consent: boolean): Promise<void> {
  return change(id, { consent });
}

/** Deletes a draft and the photos no other draft names (after the store's grace period). */
export async function deleteDraft(id: string): Promise<void> {
  await forgetDrafts([id]);
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
