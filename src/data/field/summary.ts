// What the field officer's sync summary shows, from the outbox's application entries (read only):
// how many applications and photos wait, how many bytes that is, the progress of the one being
// sent, and what failed and why. Pure: unit-testable.
import type { OutboxEntry } from '../outbox/outbox-db.ts';

export type FailedItem = { id: string; state: 'quarantined' | 'rejected'; attempts: number; error?: OutboxEntry['lastError']; fields?: Record<string, { code: string; params?: Record<string, string | number> | undefined }> };

export type SyncSummary = {
  queued: number;
  photos: number;
  /** Bytes still to send: the records as JSON and every photo the server does not yet hold (each once). */
  bytes: number;
  /** Photo bytes of the entries being sent now. */
  progress: { sent: number; total: number } | null;
  delivered: number;
  failed: FailedItem[];
};

const isField = (e: OutboxEntry) => e.record.channel === 'field';

export function syncSummary(entries: readonly OutboxEntry[], now = Date.now()): SyncSummary {
  const mine = entries.filter(isField);
  const queued = mine.filter((e) => e.state === 'queued');
  const photos = new Map<string, number>();
  let bytes = 0;
  for (const e of queued) {
    bytes += new TextEncoder().encode(JSON.stringify(e.record)).length;
    const onServer = new Set(e.uploaded ?? []);
    for (const ref of Object.values(e.record.attachments).flat()) if (!onServer.has(ref.sha256)) photos.set(ref.sha256, ref.size);
  }
  for (const size of photos.values()) bytes += size;
  const active = queued.filter((e) => e.sending && now - e.sending.at < 120_000);
  const progress = active.length ? active.reduce((p, e) => ({ sent: p.sent + e.sending!.sent, total: p.total + e.sending!.total }), { sent: 0, total: 0 }) : null;
  const failed: FailedItem[] = mine
    .filter((e): e is OutboxEntry & { state: 'quarantined' | 'rejected' } => e.state === 'quarantined' || e.state === 'rejected')
    .map((e) => ({
      id: e.id,
      state: e.state,
      attempts: e.attempts,
      ...(e.lastError ? { error: e.lastError } : {}),
      ...(e.result?.status === 'rejected' ? { fields: e.result.errors } : {}),
    }));
  return { queued: queued.length, photos: photos.size, bytes, progress, delivered: mine.filter((e) => e.state === 'delivered').length, failed };
}

/** Bytes for people: "1,2 MB" / "340 KB". */
export function formatBytes(n: number, lang: 'id' | 'en'): string {
  const fmt = (v: number) => v.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', { maximumFractionDigits: 1 });
  if (n >= 1_000_000) return `${fmt(n / 1_000_000)} MB`;
  if (n >= 1_000) return `${fmt(n / 1_000)} KB`;
  return `${n} B`;
}
