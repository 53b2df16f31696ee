// The form's writes to a draft, whichever code is on the page: drafts.ts once it has loaded (it
// takes over here as it starts), and until then a put straight into the journal (draft-copy.ts),
// which drafts.ts replays into RxDB before its own first write. The form's gate loads drafts.ts at
// once; a page that never does leaves the record for the next one to replay. A keystroke typed in
// the second the form is shown from its copy, before the database's code arrives, is as durable as
// any other.
import type { AnswerValue, AttachmentRef } from '../../domain/drafts/draft.ts';
import { handOverJournalRecords, putChangeInJournal } from './draft-copy.ts';
import { answerPatch, attachmentsPatch, type DraftPatch, type JournalRecord } from './patch.ts';

export type DraftWriter = { change(id: string, patch: DraftPatch): Promise<void> };

let writer: DraftWriter | undefined;
/** Every early write, in order: drafts.ts reads the journal only after the last has settled. */
let early: Promise<void> = Promise.resolve();
let lastSeq = 0;

/**
 * drafts.ts, as it starts: every later write goes through it. Returns the journal records this page
 * read or wrote so far, which its first write to each draft carries on without waiting for a replay.
 */
export function takeOverDraftWrites(next: DraftWriter): Map<string, JournalRecord | null> {
  writer = next;
  return handOverJournalRecords();
}

/** Resolves once every write made before drafts.ts took over is committed or has failed. */
export function earlyWritesSettled(): Promise<void> {
  return early;
}

/** The seq of the newest early write: drafts.ts numbers its own above it. */
export function lastEarlySeq(): number {
  return lastSeq;
}

function change(id: string, patch: DraftPatch): Promise<void> {
  if (writer) return writer.change(id, patch);
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  const write = putChangeInJournal(id, lastSeq, Date.now(), patch);
  // Each link swallows its write's failure, so the chain itself never rejects.
  early = early.then(() => write.catch(() => undefined));
  return write;
}

export function saveAnswer(id: string, key: string, value: AnswerValue | undefined): Promise<void> {
  return change(id, answerPatch(key, value));
}

export function setAttachments(id: string, key: string, refs: AttachmentRef[]): Promise<void> {
  return change(id, attachmentsPatch(key, refs));
}
