// "Kirim" on a shared device (a village kiosk, a field officer's tablet): the application is sealed
// to the office server's key (domain/sealing) before it enters the outbox — the record in one box,
// each photo in a box of its own, stored in the files store under the hash of its sealed bytes. The
// outbox entry keeps no record, no secret and no plain photo: from here on the tablet can deliver the
// application but not read it, and once the draft and its photos are wiped nothing readable is left.
import type { Draft } from '../../domain/drafts/draft.ts';
import { sealApplication } from '../../domain/sealing/seal-application.ts';
import { SEALED_MEDIA_TYPE, type SealingKey } from '../../domain/sealing/sealed-box.ts';
import { filesDatabase } from '../attachments/files-db.ts';
import { getAttachment } from '../attachments/store.ts';
import { randomHex } from './device-key.ts';
import { type AnyOutboxEntry, outboxDatabase, type SealedOutboxEntry } from './outbox-db.ts';
import { buildRecord, type RecordOptions } from './record.ts';
import { currentSealingKey } from './sealing-key.ts';

export type SharedChannel = SealedOutboxEntry['channel'];
export const isSharedChannel = (channel: string): channel is SharedChannel =>
  channel === 'kiosk' || channel === 'field';

export type SealOptions = RecordOptions & {
  /** Where the server's key comes from (default: the outbox's cache, or the server when online). */
  sealingKey?: (() => Promise<SealingKey>) | undefined;
  /** The field officer's account that collected it (field only): an export carries only its own officer's. */
  collector?: string | undefined;
};

/**
 * A rejected sealed entry may be replaced by the corrected draft: the server stored nothing under
 * its id. Anything else already queued under the id stays as it is (a second tap queues nothing).
 */
const replaceable = (entry: AnyOutboxEntry | undefined): boolean =>
  !entry || (entry.kind === 'sealed' && entry.state === 'rejected');

/** Queues the draft sealed; false when an entry under its id already waits or was delivered. */
export async function queueSealed(draft: Draft, channel: SharedChannel, options: SealOptions = {}): Promise<boolean> {
  const db = outboxDatabase();
  if (!replaceable(await db.entries.get(draft.id))) return false;
  const key = await (options.sealingKey ?? currentSealingKey)();
  // The server asks every record for a secret's hash; a shared device keeps no secret (it could not
  // protect it), so the secret is dropped at once: the resident's handle is the tracking number.
  const record = await buildRecord(draft, channel, randomHex(), options);
  const sealed = await sealApplication(key, record, async (sha) => {
    const found = await getAttachment(sha);
    return found && new Uint8Array(await found.blob.arrayBuffer());
  });

  const now = Date.now();
  const files = filesDatabase();
  await files.files.bulkPut(
    sealed.files.map((f) => ({
      sha256: f.sealed,
      type: SEALED_MEDIA_TYPE,
      size: f.sealedSize,
      blob: new Blob([f.bytes], { type: SEALED_MEDIA_TYPE }),
      sourceSha256: f.sealed,
      createdAt: now,
    })),
  );
  const entry: SealedOutboxEntry = {
    id: record.id,
    kind: 'sealed',
    box: sealed.box,
    files: sealed.files.map((f) => ({ sha256: f.sealed, size: f.sealedSize })),
    channel,
    serviceId: record.serviceId,
    ...(options.collector ? { collector: options.collector } : {}),
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    queuedAt: now,
    updatedAt: now,
  };
  const outcome = await db.transaction('rw', db.entries, async () => {
    const current = await db.entries.get(entry.id);
    if (!replaceable(current)) return { queued: false, orphaned: entry.files };
    await db.entries.put(entry);
    return { queued: true, orphaned: current?.kind === 'sealed' ? current.files : [] };
  });
  // Every seal has a fresh ephemeral key, so these sealed files belong to this entry alone: the boxes
  // of a tap that lost the race, or of the rejected entry just replaced, are useless now.
  if (outcome.orphaned.length) await files.files.bulkDelete(outcome.orphaned.map((f) => f.sha256));
  return outcome.queued;
}
