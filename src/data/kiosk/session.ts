// One resident at the kiosk is one session. When it ends (the receipt is dismissed, or the idle
// time-out runs out) everything personal of it is wiped: its drafts from RxDB (and their tombstones,
// which RxDB's Dexie storage would otherwise keep with the data), its photos from the files store,
// sessionStorage — the UI drops its in-memory state. What stays is only what awaits sync, sealed at
// "Kirim" (data/outbox/seal.ts): the outbox entry and its sealed photos, which the tablet cannot
// read. Those leave too once delivered.
import type { Draft } from '../../domain/drafts/draft.ts';
import { removeUnreferenced } from '../attachments/store.ts';
import { openDatabase } from '../database.ts';
import { createDraft, forgetDrafts, type NewDraft } from '../drafts/drafts.ts';
import { deliveredOf, removeDelivered } from '../outbox/delivered.ts';
import { photosStillNeeded } from '../outbox/kinds.ts';
import { type AnyOutboxEntry, outboxDatabase } from '../outbox/outbox-db.ts';
import { kioskDatabase } from './kiosk-db.ts';
import { RECEIPT_KEEP_MS, receiptsOf } from './receipt.ts';

/** Every photo hash a draft names (any `sha256` field, however deep): kept rather than guessed. */
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

/**
 * The photo hashes the files store must keep after a wipe: those named by drafts that are not the
 * session's, and by outbox entries not yet delivered — for a sealed entry its sealed photos, so the
 * plain ones its draft named leave with the draft.
 */
export function photosToKeep(
  remainingDrafts: readonly { attachments: unknown }[],
  outbox: readonly AnyOutboxEntry[],
): Set<string> {
  const keep = photosStillNeeded(outbox);
  for (const d of remainingDrafts) hashesIn(d.attachments, keep);
  return keep;
}

/**
 * Removes delivered kiosk entries (and their sealed photos), remembering when the last one was
 * delivered and, for the staff, which tracking number each provisional code got. The receipts are
 * written before the entries go: the two live in different databases, and a tablet closed or a page
 * left between the steps must keep the entry for the next purge rather than lose its receipt.
 */
export async function purgeDelivered(now = Date.now()): Promise<number> {
  const delivered = deliveredOf(await outboxDatabase().entries.toArray(), 'kiosk');
  const kdb = kioskDatabase();
  await kdb.transaction('rw', kdb.meta, kdb.receipts, async () => {
    await kdb.receipts
      .where('deliveredAt')
      .below(now - RECEIPT_KEEP_MS)
      .delete();
    if (!delivered.length) return;
    // Keyed by the provisional code: writing a receipt again, after an interrupted purge, is harmless.
    await kdb.receipts.bulkPut(receiptsOf(delivered));
    const known = (await kdb.meta.get('lastDelivery'))?.value ?? 0;
    await kdb.meta.put({ id: 'lastDelivery', value: Math.max(known, ...delivered.map((e) => e.updatedAt)) });
  });
  if (!delivered.length) return 0;
  const removed = await removeDelivered('kiosk', new Set(delivered.map((e) => e.id)));
  return removed.length;
}

/** Starts the resident's application: the draft is remembered as the session's before anything is typed. */
export async function startSessionDraft(input: NewDraft): Promise<string> {
  const id = await createDraft(input);
  await kioskDatabase().sessionDrafts.put({ draftId: id, createdAt: Date.now() });
  return id;
}

export type WipeReport = { drafts: number; photos: number; delivered: number };

/** Ends the session: see the file comment. Safe to run at any time (the kiosk runs it at start too). */
export async function wipeSession(
  storage: Pick<Storage, 'clear'> | undefined = globalThis.sessionStorage,
): Promise<WipeReport> {
  const kdb = kioskDatabase();
  const ids = (await kdb.sessionDrafts.toArray()).map((s) => s.draftId);
  // Changes still on their way to RxDB, and the journal records holding them, go first.
  await forgetDrafts(ids);
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
