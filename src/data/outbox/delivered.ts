// What a shared device does with what the office already has: a kiosk after each resident, a field
// officer's tablet at sign-out. Delivered applications of its channel leave the outbox, and with them
// their sealed photos — the tablet must not keep even the boxes once the office holds the contents.
import { filesDatabase } from '../attachments/files-db.ts';
import { attachmentsOf, channelOf, photosStillNeeded } from './kinds.ts';
import { type AnyOutboxEntry, type OutboxEntry, outboxDatabase, type SealedOutboxEntry } from './outbox-db.ts';
import type { SharedChannel } from './seal.ts';

/** Delivered applications of the channel (sealed, or plain ones queued before sealing existed). */
export const deliveredOf = (
  entries: readonly AnyOutboxEntry[],
  channel: SharedChannel,
): Array<OutboxEntry | SealedOutboxEntry> =>
  entries.filter((e): e is OutboxEntry | SealedOutboxEntry => e.state === 'delivered' && channelOf(e) === channel);

/**
 * Removes the channel's delivered entries (with `only`, just those of them with these ids) and the
 * sealed files only they named; returns the removed entries (their results: tracking numbers). Plain
 * photos are the caller's to collect (removeUnreferenced): drafts still on the device may name them.
 */
export async function removeDelivered(
  channel: SharedChannel,
  only?: ReadonlySet<string>,
): Promise<Array<OutboxEntry | SealedOutboxEntry>> {
  const db = outboxDatabase();
  const { gone, remaining } = await db.transaction('rw', db.entries, async () => {
    const all = await db.entries.toArray();
    const gone = deliveredOf(all, channel).filter((e) => !only || only.has(e.id));
    await db.entries.bulkDelete(gone.map((e) => e.id));
    const ids = new Set(gone.map((e) => e.id));
    return { gone, remaining: all.filter((e) => !ids.has(e.id)) };
  });
  const needed = photosStillNeeded(remaining);
  const sealed = gone
    .flatMap((e) => (e.kind === 'sealed' ? [...attachmentsOf(e).keys()] : []))
    .filter((sha) => !needed.has(sha));
  if (sealed.length) await filesDatabase().files.bulkDelete(sealed);
  return gone;
}
