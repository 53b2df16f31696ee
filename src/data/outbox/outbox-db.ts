// The outbox: applications the resident has sent ("Kirim") and the server has not yet acknowledged.
// A small Dexie database of its own, because the service worker drains it and must never read
// RxDB's internal tables. An entry leaves the "queued" states only on the server's answer.
import { Dexie, type EntityTable } from 'dexie';
import type { SubmissionRecord, SubmissionResult } from '../../domain/submissions/submission.ts';

export const OUTBOX_DATABASE_NAME = 'nusalayan-outbox';

export type OutboxState =
  | 'queued' // waiting for a signal (or for its next retry time)
  | 'delivered' // the server stored it and gave a tracking number
  | 'rejected' // the server refused it with reasons: it returns to the resident as a draft to correct
  | 'quarantined' // kept failing: visible, exportable, discarded only by a person
  | 'correcting'; // delivered, sent back by the office ("needs correction"): the resident is editing it for its next round

export type OutboxEntry = {
  /** The record's UUIDv7 (the draft's id): the idempotency key. */
  id: string;
  record: SubmissionRecord;
  /** Only this device knows it; the server keeps its hash. Proves later status reads. */
  secret: string;
  state: OutboxState;
  attempts: number;
  /** Device time (ms) before which no retry is made. */
  nextAttemptAt: number;
  lastError?: { kind: 'network' | 'http' | 'auth'; status?: number };
  result?: SubmissionResult;
  /**
   * Photos the server confirmed complete: a drain that starts over after a dropped link skips them
   * instead of declaring each again (a 700 ms round trip apiece on a satellite link).
   */
  uploaded?: string[];
  /** Device time a drain last worked on it, and how many bytes of its photos the server holds. */
  sending?: { at: number; sent: number; total: number };
  /**
   * Which sending of the application this is: 1 (absent) for the first, one more for each corrected
   * resubmission after the office asked for a correction. Same id and secret in every round: the
   * server applies a round only while the application awaits a correction, so a resend of a
   * delivered round never applies twice.
   */
  round?: number;
  /** The office's request (its server-stamped `updatedAt`) that the current round answers. */
  correctionOf?: string;
  queuedAt: number;
  updatedAt: number;
};

/** Small device-wide values (the device key). */
export type OutboxMeta = { id: string; value: string };

export type OutboxDatabase = Dexie & { entries: EntityTable<OutboxEntry, 'id'>; meta: EntityTable<OutboxMeta, 'id'> };

let db: OutboxDatabase | undefined;

export function outboxDatabase(): OutboxDatabase {
  if (!db) {
    const created = new Dexie(OUTBOX_DATABASE_NAME) as OutboxDatabase;
    created.version(1).stores({ entries: 'id, state, nextAttemptAt' });
    created.version(2).stores({ entries: 'id, state, nextAttemptAt', meta: 'id' });
    db = created;
  }
  return db;
}
