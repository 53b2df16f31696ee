// "Kirim": one durable write puts the application in the outbox, then the service worker is asked
// for a Background Sync (Chromium) and the page drains too where that is missing. From here on the
// application is read-only on the device; the outbox entry is its state.
import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';
import type { Channel } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { SubmissionRecord } from '../../domain/submissions/submission.ts';
import { sha256Hex } from '../attachments/hash.ts';
import { deviceKey, randomHex } from './device-key.ts';
import { drainOutbox, SYNC_TAG } from './drain.ts';
import { outboxDatabase, type OutboxEntry } from './outbox-db.ts';

export async function submitDraft(draft: Draft, channel: Channel = 'online'): Promise<void> {
  const secret = randomHex();
  const record = SubmissionRecord.parse({
    id: draft.id,
    serviceId: draft.serviceId,
    formVersion: draft.formVersion,
    channel,
    applicant: draft.applicant,
    answers: draft.answers,
    attachments: draft.attachments,
    consent: draft.consent,
    secretHash: await sha256Hex(secret),
    deviceKeyHash: await sha256Hex((await deviceKey())!),
  });
  const now = Date.now();
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    // A second tap (or a second tab) must not queue the application twice.
    if (await db.entries.get(record.id)) return;
    await db.entries.add({ id: record.id, record, secret, state: 'queued', attempts: 0, nextAttemptAt: 0, queuedAt: now, updatedAt: now });
  });
  await requestDelivery();
}

/** Asks for a Background Sync; the page drains at once as well (the lock keeps them from overlapping). */
export async function requestDelivery(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined)?.sync;
  if (sync) await sync.register(SYNC_TAG).catch(() => undefined);
  if (navigator.onLine) void drainOutbox({ ignoreBackoff: true }).catch(() => undefined);
}

export const outbox$ = (): Observable<OutboxEntry[]> => new Observable((subscriber) => liveQuery(() => outboxDatabase().entries.toArray()).subscribe(subscriber));

const PERIOD_MS = 60_000;

/** The page's share of delivery: on start, when the network returns, when visible, and every minute. */
export function keepOutboxMoving(): () => void {
  const drain = (ignoreBackoff: boolean) => void drainOutbox({ ignoreBackoff }).catch(() => undefined);
  const onOnline = () => drain(true);
  const onVisible = () => document.visibilityState === 'visible' && drain(false);
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => navigator.onLine && drain(false), PERIOD_MS);
  if (navigator.onLine) drain(false);
  return () => {
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
  };
}

/**
 * Takes a record the server rejected back into the resident's hands: the draft becomes editable
 * again with the same id (the server stored nothing under it, so it can be sent again).
 */
export async function deleteOutboxEntry(id: string): Promise<void> {
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (entry && entry.state === 'rejected') await db.entries.delete(id);
  });
}

/** A person decided to give up on an application that kept failing: it leaves the outbox; the draft stays. */
export async function discardQuarantined(id: string): Promise<void> {
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (entry && entry.state === 'quarantined') await db.entries.delete(id);
  });
}
