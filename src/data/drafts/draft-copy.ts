// What the form's screen needs before the device database's code has arrived (on a satellite link
// that code is the longest download of the form, and opening RxDB a second of a slow phone's time):
//   - a copy of each resident's draft as RxDB holds it, in a one-store IndexedDB database of its
//     own, rewritten by drafts.ts whenever RxDB takes a change and removed when the draft is sent
//     or deleted; with the journal's unapplied changes laid over it, it is the draft as it stands;
//   - a keystroke's way into the journal, so it is as durable as one typed later (first-writes.ts).
// Plain IndexedDB, no library: this module loads with the form, not with the database.
// A field officer's drafts are sealed at rest and never copied; a sealed journal record means
// "wait for the database", which can open it.
import type { Draft } from '../../domain/drafts/draft.ts';
import {
  applyPatch,
  type DraftPatch,
  JOURNAL_DATABASE_NAME,
  JOURNAL_NATIVE_VERSION,
  JOURNAL_STORE,
  type JournalRecord,
  mergePatch,
} from './patch.ts';

/** Bump with a change to the shape of Draft: a copy of another shape is then never read. */
export const COPY_DATABASE_NAME = 'nusalayan-draft-copies-v1';
const COPY_STORE = 'drafts';

const connections = new Map<string, Promise<IDBDatabase>>();

function connect(name: string, version: number, store: string, keyPath?: string): Promise<IDBDatabase> {
  let open = connections.get(name);
  if (!open) {
    open = new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, version);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(store))
          req.result.createObjectStore(store, keyPath ? { keyPath } : undefined);
      };
      req.onsuccess = () => {
        const db = req.result;
        // Another page upgrading the database (a newer build): step aside, reconnect next time.
        db.onversionchange = () => {
          db.close();
          connections.delete(name);
        };
        resolve(db);
      };
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new DOMException(`${name} is blocked`, 'InvalidStateError'));
    });
    connections.set(name, open);
    open.catch(() => connections.delete(name));
  }
  return open;
}

const copies = () => connect(COPY_DATABASE_NAME, 1, COPY_STORE);
// The same database and store journal.ts opens through Dexie, at Dexie's native version.
const journal = () => connect(JOURNAL_DATABASE_NAME, JOURNAL_NATIVE_VERSION, JOURNAL_STORE, 'id');

function done(tx: IDBTransaction): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

function get<T>(db: IDBDatabase, store: string, key: string): Promise<T | undefined> {
  const tx = db.transaction(store, 'readonly');
  const req = tx.objectStore(store).get(key) as IDBRequest<T | undefined>;
  return done(tx).then(() => req.result);
}

/** Keeps `draft` as the copy the form shows first next time. */
export async function keepDraftCopy(draft: Draft): Promise<void> {
  try {
    const tx = (await copies()).transaction(COPY_STORE, 'readwrite');
    tx.objectStore(COPY_STORE).put(draft, draft.id);
    await done(tx);
  } catch {
    // Storage full or blocked: the form waits for the database next time, as it did before copies.
  }
}

/** Removes the copies of drafts sent, deleted or sealed: the form must never show one of those first. */
export async function dropDraftCopies(ids: readonly string[]): Promise<void> {
  if (!ids.length) return;
  const tx = (await copies()).transaction(COPY_STORE, 'readwrite');
  for (const id of ids) tx.objectStore(COPY_STORE).delete(id);
  await done(tx);
}

/**
 * Each journal record as this page read or wrote it (null: none): an early write lays its change
 * over it and puts the result, one put and no read, so the put is requested in the keystroke's own
 * task and the browser commits it even if the page dies right after.
 */
const records = new Map<string, JournalRecord | null>();
let recording = true;

/**
 * For drafts.ts as it takes over the writes: the journal records this page read or wrote until
 * then, each exactly as the journal holds it now (nothing else on the page wrote the journal yet).
 */
export function handOverJournalRecords(): Map<string, JournalRecord | null> {
  recording = false;
  return new Map(records);
}

/**
 * The draft as it stands (its copy with the journal's unapplied changes), or null when the screen
 * must wait for the database: no copy, a sealed change, or storage that does not answer.
 */
export async function readDraftForScreen(id: string): Promise<Draft | null> {
  try {
    const [copy, record] = await Promise.all([
      copies().then((db) => get<Draft>(db, COPY_STORE, id)),
      journal().then((db) => get<JournalRecord>(db, JOURNAL_STORE, id)),
    ]);
    if (recording) records.set(id, record ?? null);
    if (!copy || record?.sealed !== undefined) return null;
    return record?.patch ? applyPatch(copy, record.patch, Math.max(copy.updatedAt, record.at)) : copy;
  } catch {
    return null;
  }
}

/**
 * Lays `patch` over the draft's journal record (a record a closed page left keeps its changes);
 * resolves once committed. Refuses a sealed record: only the database can open it. Once the journal
 * is open and the record known (the form read it with the copy), the put is requested in the
 * caller's task, so writes reach IndexedDB in the order of the calls.
 */
export async function putChangeInJournal(id: string, seq: number, at: number, patch: DraftPatch): Promise<void> {
  const db = await journal();
  if (!records.has(id)) records.set(id, (await get<JournalRecord>(db, JOURNAL_STORE, id)) ?? null);
  const found = records.get(id);
  if (found?.sealed !== undefined) throw new DOMException('the journal record is sealed', 'InvalidStateError');
  const record: JournalRecord = {
    id,
    seq: Math.max(seq, found?.seq ?? 0),
    at: Math.max(at, found?.at ?? 0),
    patch: found?.patch ? mergePatch(found.patch, patch) : patch,
  };
  records.set(id, record);
  const tx = db.transaction(JOURNAL_STORE, 'readwrite');
  tx.objectStore(JOURNAL_STORE).put(record);
  tx.commit();
  await done(tx);
}
