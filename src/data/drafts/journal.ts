// The drafts' write-ahead journal: what was typed into a draft and is not yet in RxDB, one small
// record per draft in a Dexie database of its own. A keystroke is durable once its journal record
// is committed — one put into one object store, a few milliseconds — while RxDB, whose write of a
// whole document costs tens of milliseconds on a slow phone, catches up once typing pauses
// (drafts.ts). After a crash the next page replays the journal into RxDB before reading any draft.
//
// A record holds the changes since RxDB last took them, as values to set (answers, attachments,
// consent): applying one twice changes nothing, so a replay after a half-finished catch-up is safe.
// On a field officer's tablet the changes are personal data and are kept only sealed under the
// officer's data key, like the drafts themselves (sealing.ts).

import { Dexie, type EntityTable } from 'dexie';
import { arrayBufferToBase64, base64ToArrayBuffer } from 'rxdb';
import { openingKey } from '../field/at-rest.ts';
import { sealBytes, unsealBytes } from '../field/vault.ts';
import { type DraftPatch, JOURNAL_DATABASE_NAME, JOURNAL_STORE, JOURNAL_VERSION, type JournalRecord } from './patch.ts';

export { applyPatch, type DraftPatch, JOURNAL_DATABASE_NAME, type JournalRecord, mergePatch } from './patch.ts';

type JournalDatabase = Dexie & { changes: EntityTable<JournalRecord, 'id'> };

let db: JournalDatabase | undefined;

function journal(): JournalDatabase {
  if (!db) {
    db = new Dexie(JOURNAL_DATABASE_NAME) as JournalDatabase;
    db.version(JOURNAL_VERSION).stores({ [JOURNAL_STORE]: '&id' });
  }
  return db;
}

/** A draft's unapplied changes as the journal keeps them: sealed under `key` when one is given. */
export async function journalRecord(
  id: string,
  seq: number,
  at: number,
  patch: DraftPatch,
  key: CryptoKey | null,
): Promise<JournalRecord> {
  if (!key) return { id, seq, at, patch };
  const sealed = await sealBytes(key, new TextEncoder().encode(JSON.stringify(patch)));
  return { id, seq, at, sealed: arrayBufferToBase64(sealed.buffer) };
}

/**
 * Puts a record; the request and the commit are sent now, in the caller's task (so puts reach
 * IndexedDB in the order of the calls, and the browser commits one even if the page dies right
 * after); resolves once committed. Once the journal is open this is a plain IndexedDB transaction
 * with an explicit commit(), which Dexie does not send for a single put.
 */
export function putJournal(record: JournalRecord): Promise<void> {
  const db = journal();
  if (!db.isOpen()) return db.changes.put(record).then(() => undefined);
  const tx = db.backendDB().transaction('changes', 'readwrite');
  tx.objectStore('changes').put(record);
  tx.commit();
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('journal write aborted', 'AbortError'));
  });
}

/** Removes a draft's record if nothing newer than `seq` was written to it meanwhile. */
export async function settleJournal(id: string, seq: number): Promise<void> {
  const changes = journal().changes;
  await journal().transaction('rw', changes, async () => {
    const record = await changes.get(id);
    if (record && record.seq <= seq) await changes.delete(id);
  });
}

export async function discardJournal(ids: readonly string[]): Promise<void> {
  if (ids.length) await journal().changes.bulkDelete([...ids]);
}

/** Removes every sealed record: for a data key that is gone, when nothing can open them again. */
export async function discardSealedJournal(): Promise<void> {
  await journal()
    .changes.filter((r) => r.sealed !== undefined)
    .delete();
}

export type JournalEntry = { id: string; seq: number; at: number; patch: DraftPatch };

/**
 * Every record this page can read: plain ones, and sealed ones when the key that opens them is in
 * memory. A sealed record it cannot open stays for a page that can (after the PIN).
 */
export async function readJournal(): Promise<JournalEntry[]> {
  const key = openingKey();
  const out: JournalEntry[] = [];
  for (const r of await journal().changes.toArray()) {
    if (r.patch) out.push({ id: r.id, seq: r.seq, at: r.at, patch: r.patch });
    else if (r.sealed && key) {
      try {
        const plain = await unsealBytes(key, new Uint8Array(base64ToArrayBuffer(r.sealed)));
        out.push({ id: r.id, seq: r.seq, at: r.at, patch: JSON.parse(new TextDecoder().decode(plain)) as DraftPatch });
      } catch {
        // Sealed under another key: as unreadable as while locked.
      }
    }
  }
  return out;
}
