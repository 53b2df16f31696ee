// The outbox: what the resident has sent ("Kirim") and the server has not yet acknowledged —
// applications, complaints and satisfaction-survey responses, each entry of one `kind` (absent:
// an application, as every entry written before complaints existed). A small Dexie database of its
// own, because the service worker drains it and must never read RxDB's internal tables. An entry
// leaves the "queued" states only on the server's answer.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type { Complaint, ComplaintResult } from '../../domain/feedback/complaint.ts';
import type { SurveyResponse, SurveyResult } from '../../domain/feedback/skm.ts';
import type { SubmissionRecord, SubmissionResult } from '../../domain/submissions/submission.ts';
import { announceOutboxOpened, OUTBOX_DATABASE_NAME } from './presence.ts';

export { OUTBOX_DATABASE_NAME };

export type OutboxState =
  | 'queued' // waiting for a signal (or for its next retry time)
  | 'delivered' // the server stored it and gave a tracking number
  | 'rejected' // the server refused it with reasons: it returns to the resident as a draft to correct
  | 'quarantined' // kept failing: visible, exportable, discarded only by a person
  | 'correcting'; // delivered, sent back by the office ("needs correction"): the resident is editing it for its next round

export type OutboxKind = 'application' | 'complaint' | 'survey' | 'sealed';
export const OUTBOX_KINDS: readonly OutboxKind[] = ['application', 'complaint', 'survey', 'sealed'];

/** What every kind of entry has: the delivery machinery (state, retries, photos) works on this. */
type EntryBase = {
  /** The record's UUIDv7 (the draft's id): the idempotency key. */
  id: string;
  state: OutboxState;
  attempts: number;
  /** Device time (ms) before which no retry is made. */
  nextAttemptAt: number;
  lastError?: { kind: 'network' | 'http' | 'auth' | 'missing-file'; status?: number };
  /**
   * Photos the server confirmed complete: a drain that starts over after a dropped link skips them
   * instead of declaring each again (a 700 ms round trip apiece on a satellite link).
   */
  uploaded?: string[];
  /** Device time a drain last worked on it, and how many bytes of its photos the server holds. */
  sending?: { at: number; sent: number; total: number };
  queuedAt: number;
  updatedAt: number;
};

/** An application (entries without `kind` are applications: the outbox held nothing else before). */
export type OutboxEntry = EntryBase & {
  kind?: 'application';
  record: SubmissionRecord;
  /** Only this device knows it; the server keeps its hash. Proves later status reads. */
  secret: string;
  result?: SubmissionResult;
  /**
   * Which sending of the application this is: 1 (absent) for the first, one more for each corrected
   * resubmission after the office asked for a correction. Same id and secret in every round: the
   * server applies a round only while the application awaits a correction, so a resend of a
   * delivered round never applies twice.
   */
  round?: number;
  /** The office's request (its server-stamped `updatedAt`) that the current round answers. */
  correctionOf?: string;
};

/** A complaint (pengaduan): its photo travels first, like an application's; the answers are pulled. */
export type ComplaintOutboxEntry = EntryBase & {
  kind: 'complaint';
  record: Complaint;
  secret: string;
  result?: ComplaintResult;
};

/** A satisfaction-survey response: no photos, no secret, no personal data. */
export type SurveyOutboxEntry = EntryBase & { kind: 'survey'; record: SurveyResponse; result?: SurveyResult };

/**
 * An application from a shared device (a kiosk, a field officer's tablet), sealed at "Kirim" to the
 * office server's key (domain/sealing): the device cannot read it any more, only deliver it. `box` is
 * the record's sealed box (base64url, SealedContents inside); `files` are its photos' sealed boxes in
 * the files store, by the hash of the sealed bytes — what the drain uploads before the box.
 */
export type SealedOutboxEntry = EntryBase & {
  kind: 'sealed';
  box: string;
  files: Array<{ sha256: string; size: number }>;
  /** Which shared device sealed it (the kiosk and field screens count only their own). */
  channel: 'kiosk' | 'field';
  /** The service, for the kiosk's and the officer's lists (not personal). */
  serviceId: string;
  /**
   * The field officer's account that collected it (not personal: an officer's id). A shared tablet may
   * still hold queued entries of an officer who signed out; the next officer's export leaves them out,
   * since the office refuses a file that holds another officer's applications.
   */
  collector?: string;
  result?: SubmissionResult;
};

export type AnyOutboxEntry = OutboxEntry | ComplaintOutboxEntry | SurveyOutboxEntry | SealedOutboxEntry;

export const kindOf = (entry: AnyOutboxEntry): OutboxKind => entry.kind ?? 'application';
export const isApplication = (entry: AnyOutboxEntry): entry is OutboxEntry => kindOf(entry) === 'application';

/** Small device-wide values (the device key). */
export type OutboxMeta = { id: string; value: string };

export type OutboxDatabase = Dexie & { entries: Table<AnyOutboxEntry, string>; meta: EntityTable<OutboxMeta, 'id'> };

let db: OutboxDatabase | undefined;

export function outboxDatabase(): OutboxDatabase {
  if (!db) {
    const created = new Dexie(OUTBOX_DATABASE_NAME) as OutboxDatabase;
    created.version(1).stores({ entries: 'id, state, nextAttemptAt' });
    created.version(2).stores({ entries: 'id, state, nextAttemptAt', meta: 'id' });
    // Complaints and surveys share the table (a `kind` field, absent = application): no schema
    // change, so no version step — a drain filters by kind in memory, the queue is short.
    db = created;
    announceOutboxOpened();
  }
  return db;
}
