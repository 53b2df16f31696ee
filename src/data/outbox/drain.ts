// Empties the outbox: photos first (resumable), then the records, several per request so a 700 ms
// satellite round trip is paid rarely — applications, complaints and survey responses alike, each
// kind batched to its own endpoint (kinds.ts). One drainer at a time across tabs and the service
// worker (a Web Lock). Nothing leaves the outbox before the server has answered for it.
import {
  backoffMs,
  isDue,
  MAX_ATTEMPTS,
  type Outcome,
  outcomeOf,
  type TryCause,
} from '../../domain/submissions/retry.ts';
import { deliveryCredential } from './credential.ts';
import {
  type AnyResult,
  attachmentsOf,
  ENDPOINTS,
  groupByKind,
  outcomeOfResult,
  parseResults,
  requestBody,
} from './kinds.ts';
import { type AnyOutboxEntry, outboxDatabase } from './outbox-db.ts';
import { HttpError, MissingFileError, timeout, uploadFile } from './uploads.ts';

export const DRAIN_LOCK = 'nusa-layan-outbox-drain';
/** The server's maximum: on a 700 ms link every extra request costs more than its bytes (bench). */
const BATCH = 100;

export type DrainReport = { delivered: number; rejected: number; waiting: number; stoppedBy?: 'auth' | 'offline' };

type Clock = { now(): number; random(): number };
const realClock: Clock = { now: () => Date.now(), random: () => Math.random() };

export type DrainOptions = {
  /** Which backoffs this try overrides (retry.ts); a periodic try overrides none. */
  cause?: TryCause;
  clock?: Clock;
};

/** Runs one drain under the lock; a caller arriving while another drains simply waits for it. */
export async function drainOutbox(options: DrainOptions = {}): Promise<DrainReport> {
  // Web Locks exist in windows and workers alike; without them (old browsers) drains may overlap, which
  // the server's idempotency makes harmless.
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  const run = () => drainUnlocked(options.clock ?? realClock, options.cause ?? 'periodic');
  if (!locks) return run();
  return (await locks.request(DRAIN_LOCK, run)) as unknown as DrainReport;
}

function classify(err: unknown): Outcome {
  // A photo gone from the device: no try can help, and the records queued after it must still go.
  if (err instanceof MissingFileError) return 'reject';
  return err instanceof HttpError ? outcomeOf({ kind: 'http', status: err.status }) : outcomeOf({ kind: 'network' });
}

async function drainUnlocked(clock: Clock, cause: TryCause): Promise<DrainReport> {
  const db = outboxDatabase();
  const report: DrainReport = { delivered: 0, rejected: 0, waiting: 0 };
  const due = (await db.entries.where('state').equals('queued').toArray()).filter((e) => isDue(e, clock.now(), cause));
  due.sort((a, b) => a.queuedAt - b.queuedAt);

  const ready: AnyOutboxEntry[] = [];
  for (const entry of due) {
    try {
      const sizes = attachmentsOf(entry);
      const hashes = [...sizes.keys()];
      const total = [...sizes.values()].reduce((a, b) => a + b, 0);
      let done = 0;
      const progress = (sent: number) =>
        db.entries.update(entry.id, { sending: { at: clock.now(), sent: done + sent, total } });
      await progress(0);
      const uploaded = new Set(entry.uploaded);
      for (const sha of hashes) {
        if (!uploaded.has(sha)) {
          await uploadFile(sha, (received) => void progress(received));
          uploaded.add(sha);
          await db.entries.update(entry.id, { uploaded: [...uploaded] });
        }
        done += sizes.get(sha) ?? 0;
      }
      await progress(0);
      ready.push(entry);
    } catch (err) {
      const outcome = classify(err);
      if (outcome === 'auth') return { ...report, stoppedBy: 'auth' };
      await failed(entry, outcome, err, clock);
      if (outcome === 'retry') return { ...report, waiting: due.length - report.delivered, stoppedBy: 'offline' };
    }
  }

  for (const [kind, entries] of groupByKind(ready)) {
    for (let i = 0; i < entries.length; i += BATCH) {
      const batch = entries.slice(i, i + BATCH);
      let results: AnyResult[];
      try {
        const res = await fetch(ENDPOINTS[kind], {
          method: 'POST',
          signal: timeout(),
          headers: { 'content-type': 'application/json', ...(await deliveryCredential(kind)) },
          body: JSON.stringify(requestBody(batch)),
        });
        const outcome = outcomeOf({ kind: 'http', status: res.status });
        if (outcome === 'auth') return { ...report, stoppedBy: 'auth' };
        if (outcome !== 'done') {
          for (const e of batch) await failed(e, outcome, new HttpError(res.status), clock);
          if (outcome === 'retry') return { ...report, waiting: ready.length - report.delivered, stoppedBy: 'offline' };
          continue;
        }
        results = parseResults(kind, await res.json());
      } catch (err) {
        for (const e of batch) await failed(e, 'retry', err, clock);
        return { ...report, waiting: ready.length - report.delivered, stoppedBy: 'offline' };
      }
      for (const result of results) {
        const entry = batch.find((e) => e.id === result.id);
        if (!entry) continue;
        const outcome = outcomeOfResult(result);
        if (outcome.kind === 'delivered') {
          await db.entries.update(entry.id, { state: 'delivered', result, sending: undefined, updatedAt: clock.now() });
          report.delivered++;
        } else if (outcome.kind === 'rejected') {
          await db.entries.update(entry.id, { state: 'rejected', result, sending: undefined, updatedAt: clock.now() });
          report.rejected++;
        } else {
          // The server lost or never completed a photo: forget that it was uploaded, send it again next round.
          const missing = new Set(outcome.sha256);
          await db.entries.update(entry.id, { uploaded: (entry.uploaded ?? []).filter((h) => !missing.has(h)) });
          await failed(entry, 'retry', new Error('missing attachments'), clock);
        }
      }
    }
  }
  report.waiting = await db.entries.where('state').equals('queued').count();
  return report;
}

/**
 * fetch (and reading its body) rejects with a TypeError when no answer arrives — offline, a dropped
 * link, a dead server — and with a TimeoutError when our own time limit ends the wait. That says
 * nothing about the record, so it backs off but never quarantines: a device without signal for days
 * would otherwise strand its applications after a few tries.
 */
const unanswered = (err: unknown) =>
  err instanceof TypeError || (err as { name?: unknown } | null)?.name === 'TimeoutError';

async function failed(entry: AnyOutboxEntry, outcome: Outcome, err: unknown, clock: Clock): Promise<void> {
  const attempts = entry.attempts + 1;
  const status = err instanceof HttpError ? err.status : undefined;
  const lastError: AnyOutboxEntry['lastError'] =
    err instanceof MissingFileError
      ? { kind: 'missing-file' }
      : status === undefined
        ? { kind: 'network' }
        : { kind: 'http', status };
  const state = outcome === 'reject' || (attempts >= MAX_ATTEMPTS && !unanswered(err)) ? 'quarantined' : 'queued';
  await outboxDatabase().entries.update(entry.id, {
    attempts,
    lastError,
    state,
    nextAttemptAt: clock.now() + backoffMs(attempts, clock.random()),
    sending: undefined,
    updatedAt: clock.now(),
  });
}
