// "Kirim": one durable write puts the application in the outbox, then the service worker is asked
// for a Background Sync (Chromium) and the page drains too where that is missing. From here on the
// application is read-only on the device; the outbox entry is its state. A shared device's entry is
// sealed (seal.ts): its state is all the device can still read of it.
import { liveQuery } from 'dexie';
import { Observable } from 'rxjs';
import type { Channel } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { TryCause } from '../../domain/submissions/retry.ts';
import { assertPlainFiles } from '../attachments/store.ts';
import { retireDraftCopy } from '../drafts/drafts.ts';
import { randomHex } from './device-key.ts';
import { drainOutbox } from './drain.ts';
import { channelOf } from './kinds.ts';
import {
  type AnyOutboxEntry,
  isApplication,
  type OutboxEntry,
  outboxDatabase,
  type SealedOutboxEntry,
} from './outbox-db.ts';
import { buildRecord } from './record.ts';
import { isSharedChannel, queueSealed, type SealOptions, type SharedChannel } from './seal.ts';
import { SYNC_TAG } from './sync-tag.ts';

/** RecordOptions, and for a shared device (channel 'kiosk' or 'field') where its sealing key comes from. */
export type SubmitOptions = SealOptions;

export async function submitDraft(
  draft: Draft,
  channel: Channel = 'online',
  options: SubmitOptions = {},
): Promise<void> {
  // A shared device seals: nothing readable of the application stays in its outbox.
  if (isSharedChannel(channel)) await queueSealed(draft, channel, options);
  else await queuePlain(draft, channel, options);
  // Sent: read-only from now on, so the form must not show it editable from its copy first.
  await retireDraftCopy(draft.id).catch(() => undefined);
  await requestDelivery();
}

async function queuePlain(draft: Draft, channel: Channel, options: SubmitOptions): Promise<void> {
  const db = outboxDatabase();
  // A corrected resubmission keeps the first round's secret: the server accepts a correction only
  // from the device that sent the application.
  const found = await db.entries.get(draft.id);
  if (found && !isApplication(found)) return;
  const previous = found as OutboxEntry | undefined;
  if (previous && previous.state !== 'correcting') return;
  await assertPlainFiles(Object.values(draft.attachments).flatMap((refs) => refs.map((r) => r.sha256)));
  const secret = previous?.secret ?? randomHex();
  const record = await buildRecord(draft, channel, secret, options, previous?.record);
  const now = Date.now();
  await db.transaction('rw', db.entries, async () => {
    const current = await db.entries.get(record.id);
    if (current && !isApplication(current)) return;
    if (!current) {
      await db.entries.add({
        id: record.id,
        record,
        secret,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: 0,
        queuedAt: now,
        updatedAt: now,
      });
      return;
    }
    // A second tap (or a second tab) must not queue the application twice: only an entry the
    // resident took back for a correction becomes queued again, as its next round (same id, same
    // secret; photos the server already holds are not declared again).
    if (current.state !== 'correcting' || current.secret !== secret) return;
    const { result: _result, lastError: _lastError, sending: _sending, ...kept } = current;
    await db.entries.put({
      ...kept,
      record,
      state: 'queued',
      attempts: 0,
      nextAttemptAt: 0,
      round: (current.round ?? 1) + 1,
      queuedAt: now,
      updatedAt: now,
    });
  });
}

/** Asks for a Background Sync; the page drains at once as well (the lock keeps them from overlapping). */
export async function requestDelivery(): Promise<void> {
  const registration = await navigator.serviceWorker?.getRegistration();
  const sync = (
    registration as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined
  )?.sync;
  if (sync) await sync.register(SYNC_TAG).catch(() => undefined);
  if (navigator.onLine) void drainOutbox({ cause: 'forced' }).catch(() => undefined);
}

/** The applications in the outbox (complaints and surveys have their own views: feedback$). */
export const outbox$ = (): Observable<OutboxEntry[]> =>
  new Observable((subscriber) =>
    liveQuery(async () => (await outboxDatabase().entries.toArray()).filter(isApplication)).subscribe(subscriber),
  );

/** The applications a shared device queued for its channel: sealed, or plain ones queued before sealing existed. */
export const channelOutbox$ = (channel: SharedChannel): Observable<Array<OutboxEntry | SealedOutboxEntry>> =>
  new Observable((subscriber) =>
    liveQuery(async () =>
      (await outboxDatabase().entries.toArray()).filter(
        (e): e is OutboxEntry | SealedOutboxEntry => channelOf(e) === channel,
      ),
    ).subscribe(subscriber),
  );

/** Every entry of every kind. */
export const allOutbox$ = (): Observable<AnyOutboxEntry[]> =>
  new Observable((subscriber) => liveQuery(() => outboxDatabase().entries.toArray()).subscribe(subscriber));

const PERIOD_MS = 60_000;

/**
 * The page's share of delivery: on start, when the network returns, when visible, and every minute.
 * Opening the app or coming back to it tries at once what failed for lack of signal: with no
 * Background Sync (Safari, Firefox) the open page is the only courier, and the resident's minutes of
 * signal must not pass while a backoff from the days without it runs out.
 */
export function keepOutboxMoving(): () => void {
  const drain = (cause: TryCause) => void drainOutbox({ cause }).catch(() => undefined);
  const onOnline = () => drain('forced');
  const onVisible = () => document.visibilityState === 'visible' && navigator.onLine && drain('opened');
  window.addEventListener('online', onOnline);
  document.addEventListener('visibilitychange', onVisible);
  const timer = setInterval(() => navigator.onLine && drain('periodic'), PERIOD_MS);
  if (navigator.onLine) drain('opened');
  return () => {
    window.removeEventListener('online', onOnline);
    document.removeEventListener('visibilitychange', onVisible);
    clearInterval(timer);
  };
}

/**
 * Takes a record the server rejected back into the resident's hands: the draft becomes editable
 * again with the same id (the server stored nothing under it, so it can be sent again). A rejected
 * correction round is different: the server holds the application, so the entry (and its secret,
 * the only proof that this device sent it) stays, back in the resident's hands as 'correcting'.
 */
export async function deleteOutboxEntry(id: string): Promise<void> {
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (entry?.state !== 'rejected') return;
    if (isApplication(entry) && (entry.round ?? 1) > 1)
      await db.entries.update(id, { state: 'correcting', updatedAt: Date.now() });
    else await db.entries.delete(id);
  });
}

/**
 * The office asked for a correction (`request`: the replicated update, status 'needs-correction'):
 * the delivered application becomes editable again, same id, same answers and photos. Nothing is
 * sent until the resident taps "Kirim" again (submitDraft queues the next round).
 */
export async function startCorrection(id: string, request: { status: string; updatedAt: string }): Promise<boolean> {
  if (request.status !== 'needs-correction') return false;
  const db = outboxDatabase();
  return db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (!entry || !isApplication(entry)) return false;
    if (entry.state === 'correcting') return true;
    if (!awaitsCorrection(entry, request)) return false;
    await db.entries.put({ ...entry, state: 'correcting', correctionOf: request.updatedAt, updatedAt: Date.now() });
    return true;
  });
}

/** Whether the office's latest word asks this delivered application for a correction not yet answered. */
export const awaitsCorrection = (
  entry: OutboxEntry,
  update: { status: string; updatedAt: string } | undefined,
): boolean =>
  entry.state === 'delivered' && update?.status === 'needs-correction' && update.updatedAt !== entry.correctionOf;

/** A person decided to give up on an application that kept failing: it leaves the outbox; the draft stays. */
export async function discardQuarantined(id: string): Promise<void> {
  const db = outboxDatabase();
  await db.transaction('rw', db.entries, async () => {
    const entry = await db.entries.get(id);
    if (entry && entry.state === 'quarantined') await db.entries.delete(id);
  });
}
