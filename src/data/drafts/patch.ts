// A draft's changes as values to set, and the journal's place on the device: what a page needs to
// show a draft and keep a keystroke before the device database's code has arrived (first-writes.ts,
// draft-copy.ts). No library: plain types and functions.
import type { AnswerValue, AttachmentRef, Draft } from '../../domain/drafts/draft.ts';

export const JOURNAL_DATABASE_NAME = 'nusalayan-draft-journal';
export const JOURNAL_STORE = 'changes';
/** Dexie's version of the journal (journal.ts); IndexedDB's own is ten times it. */
export const JOURNAL_VERSION = 1;
export const JOURNAL_NATIVE_VERSION = JOURNAL_VERSION * 10;

/** Changes to one draft; `null` removes an answer or a document field's files. */
export type DraftPatch = {
  answers?: Record<string, AnswerValue | null>;
  attachments?: Record<string, AttachmentRef[] | null>;
  consent?: boolean;
};

export type JournalRecord = {
  id: string;
  /** Grows with every change: a catch-up removes a record only if nothing newer replaced it. */
  seq: number;
  /** Device time of the newest change: becomes the draft's `updatedAt`. */
  at: number;
  patch?: DraftPatch;
  /** The patch sealed under the field officer's data key (base64 of IV ‖ ciphertext). */
  sealed?: string;
};

/** `next` laid over `base`: the newer value of each key wins. */
export function mergePatch(base: DraftPatch, next: DraftPatch): DraftPatch {
  const out: DraftPatch = { ...base };
  if (next.answers) out.answers = { ...base.answers, ...next.answers };
  if (next.attachments) out.attachments = { ...base.attachments, ...next.attachments };
  if (next.consent !== undefined) out.consent = next.consent;
  return out;
}

export function applyPatch(draft: Draft, patch: DraftPatch, at: number): Draft {
  const answers = { ...draft.answers };
  for (const [key, value] of Object.entries(patch.answers ?? {})) {
    if (value === null) delete answers[key];
    else answers[key] = value;
  }
  const attachments = { ...draft.attachments };
  for (const [key, refs] of Object.entries(patch.attachments ?? {})) {
    if (refs === null) delete attachments[key];
    else attachments[key] = refs;
  }
  return { ...draft, answers, attachments, consent: patch.consent ?? draft.consent, updatedAt: at };
}

/** An answer set (or, empty, removed). */
export function answerPatch(key: string, value: AnswerValue | undefined): DraftPatch {
  return { answers: { [key]: value === undefined || value === '' ? null : value } };
}

/** A document field's files set (or, none, removed). */
export function attachmentsPatch(key: string, refs: AttachmentRef[]): DraftPatch {
  return { attachments: { [key]: refs.length ? refs : null } };
}
