// What the field officer's sync summary shows, from the outbox's field entries (read only) — sealed
// at "Kirim", or plain ones queued before sealing existed: how many applications and photos wait, how
// many bytes that is, the progress of the one being sent, and what failed and why. Pure: unit-testable.
import { attachmentsOf, channelOf } from '../outbox/kinds.ts';
import type { AnyOutboxEntry, OutboxEntry, SealedOutboxEntry } from '../outbox/outbox-db.ts';

export type FailedItem = {
  id: string;
  state: 'quarantined' | 'rejected';
  attempts: number;
  /** Sealed: only the draft (if still on the tablet) can be corrected; the entry itself cannot be read. */
  sealed?: true;
  error?: OutboxEntry['lastError'];
  fields?: Record<string, { code: string; params?: Record<string, string | number> | undefined }>;
};

export type SyncSummary = {
  queued: number;
  photos: number;
  /** Bytes still to send: each record (its box, or its JSON) and every photo the server does not yet hold (each once). */
  bytes: number;
  /** Photo bytes of the entries being sent now. */
  progress: { sent: number; total: number } | null;
  delivered: number;
  failed: FailedItem[];
};

type FieldEntry = OutboxEntry | SealedOutboxEntry;
const isField = (e: AnyOutboxEntry): e is FieldEntry => channelOf(e) === 'field';
const utf8 = new TextEncoder();
const recordBytes = (e: FieldEntry): number =>
  e.kind === 'sealed' ? e.box.length : utf8.encode(JSON.stringify(e.record)).length;

export function syncSummary(entries: readonly AnyOutboxEntry[], now = Date.now()): SyncSummary {
  const mine = entries.filter(isField);
  const queued = mine.filter((e) => e.state === 'queued');
  const photos = new Map<string, number>();
  let bytes = 0;
  for (const e of queued) {
    bytes += recordBytes(e);
    const onServer = new Set(e.uploaded ?? []);
    for (const [sha, size] of attachmentsOf(e)) if (!onServer.has(sha)) photos.set(sha, size);
  }
  for (const size of photos.values()) bytes += size;
  const active = queued.filter((e) => e.sending && now - e.sending.at < 120_000);
  const progress = active.length
    ? active.reduce((p, e) => ({ sent: p.sent + e.sending!.sent, total: p.total + e.sending!.total }), {
        sent: 0,
        total: 0,
      })
    : null;
  const failed: FailedItem[] = mine
    .filter(
      (e): e is FieldEntry & { state: 'quarantined' | 'rejected' } =>
        e.state === 'quarantined' || e.state === 'rejected',
    )
    .map((e) => ({
      id: e.id,
      state: e.state,
      attempts: e.attempts,
      ...(e.kind === 'sealed' ? { sealed: true as const } : {}),
      ...(e.lastError ? { error: e.lastError } : {}),
      ...(e.result?.status === 'rejected' ? { fields: e.result.errors } : {}),
    }));
  return {
    queued: queued.length,
    photos: photos.size,
    bytes,
    progress,
    delivered: mine.filter((e) => e.state === 'delivered').length,
    failed,
  };
}

/** Bytes for people: "1,2 MB" / "340 KB". */
export function formatBytes(n: number, lang: 'id' | 'en'): string {
  const fmt = (v: number) => v.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  if (n >= 1_000_000) return `${fmt(n / 1_000_000)} MB`;
  if (n >= 1_000) return `${fmt(n / 1_000)} KB`;
  return `${n} B`;
}
