// One resident at the kiosk is one session. When it ends (the receipt is dismissed, or the idle
// time-out runs out) everything personal of it is wiped: its drafts from RxDB (and their tombstones,
// which RxDB's Dexie storage would otherwise keep with the data), its photos from the files store
// unless a queued outbox entry still needs them, sessionStorage — the UI drops its in-memory state.
// Outbox entries awaiting sync stay (not yet encrypted at rest: a later step); delivered kiosk
// entries hold personal data the office now has, so they are removed too.
import type { Draft } from '../../domain/drafts/draft.ts';
import { removeUnreferenced } from '../attachments/store.ts';
import { openDatabase } from '../database.ts';
import { createDraft, type NewDraft } from '../drafts/drafts.ts';
import { outboxDatabase } from '../outbox/outbox-db.ts';
import { kioskDatabase } from './kiosk-db.ts';

/** What the wipe needs of an outbox entry, whatever its kind (applications, complaints, surveys). */
type EntryLike = { id: string; state: string; kind?: string | undefined; record: unknown };

/** Every photo hash a record or draft names (any `sha256` field, however deep): kept rather than guessed. */
export function hashesIn(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const v of value) hashesIn(v, found);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'sha256' && typeof v === 'string' && /^[0-9a-f]{64}$/.test(v)) found.add(v);
      else hashesIn(v, found);
    }
  }
  return found;
}

/** Outbox states whose photos are still needed on the device (everything not yet delivered). */
export const needsPhotos = (entry: Pick<EntryLike, 'state'>): boolean => entry.state !== 'delivered';

/**
 * The photo hashes the files store must keep after a wipe: those named by drafts that are not the
 * session's, and by outbox entries that still need them.
 */
export function photosToKeep(remainingDrafts: readonly { attachments: unknown }[], outbox: readonly EntryLike[]): Set<string> {
  const keep = new Set<string>();
  for (const d of remainingDrafts) hashesIn(d.attachments, keep);
  for (const e of outbox) if (needsPhotos(e)) hashesIn(e.record, keep);
  return keep;
}

const isKioskApplication = (e: EntryLike): boolean =>
  (e.kind ?? 'application') === 'application' && (e.record as { channel?: unknown } | null)?.channel === 'kiosk';

/** Delivered kiosk applications: the server has them, the tablet must not keep them. */
export const deliveredKioskEntries = (outbox: readonly EntryLike[]): string[] => outbox.filter((e) => e.state === 'delivered' && isKioskApplication(e)).map((e) => e.id);

/** Removes delivered kiosk entries from the outbox, remembering when the last one was delivered. */
export async function purgeDelivered(): Promise<number> {
  const odb = outboxDatabase();
  const entries = await odb.entries.toArray();
  const ids = deliveredKioskEntries(entries);
  if (!ids.length) return 0;
  const latest = Math.max(...entries.filter((e) => ids.includes(e.id)).map((e) => (e as { updatedAt?: number }).updatedAt ?? 0));
  const kdb = kioskDatabase();
  const known = (await kdb.meta.get('lastDelivery'))?.value ?? 0;
  await kdb.meta.put({ id: 'lastDelivery', value: Math.max(known, latest) });
  await odb.entries.bulkDelete(ids);
  return ids.length;
}

/** Starts the resident's application: the draft is remembered as the session's before anything is typed. */
export async function startSessionDraft(input: NewDraft): Promise<string> {
  const id = await createDraft(input);
  await kioskDatabase().sessionDrafts.put({ draftId: id, createdAt: Date.now() });
  return id;
}

export type WipeReport = { drafts: number; photos: number; delivered: number };

/** Ends the session: see the file comment. Safe to run at any time (the kiosk runs it at start too). */
export async function wipeSession(storage: Pick<Storage, 'clear'> | undefined = globalThis.sessionStorage): Promise<WipeReport> {
  const kdb = kioskDatabase();
  const ids = (await kdb.sessionDrafts.toArray()).map((s) => s.draftId);
  const db = await openDatabase();
  if (ids.length) await db.drafts.bulkRemove(ids);
  // RxDB only marks a removed document deleted; purge the tombstones (drafts are never replicated).
  // A negative age also purges tombstones stamped within this very millisecond.
  await db.drafts.storageInstance.cleanup(-60_000);
  await kdb.sessionDrafts.bulkDelete(ids);

  const delivered = await purgeDelivered();
  const odb = outboxDatabase();

  const remaining = (await db.drafts.find().exec()).map((d) => d.toJSON() as Draft);
  const photos = await removeUnreferenced(photosToKeep(remaining, await odb.entries.toArray()), { graceMs: 0 });
  try {
    storage?.clear();
  } catch {
    // sessionStorage blocked: nothing could have been stored there either.
  }
  return { drafts: ids.length, photos, delivered };
}
