// What differs between the kinds of outbox entry, as pure functions: where a batch of each kind
// goes and in what body, which photos its record names (uploaded before the record), and what the server's answer
// for one record means for the entry — delivered, rejected (back to the resident) or missing
// attachments (upload again, then resend). Everything else (lock, backoff, quarantine) is shared.
import type { Channel } from '../../domain/catalogue/service.ts';
import { ComplaintBatchResult, type ComplaintResult } from '../../domain/feedback/complaint.ts';
import { SurveyBatchResult, type SurveyResult } from '../../domain/feedback/skm.ts';
import { type SealedBatch, SealedBatchResult } from '../../domain/sealing/api.ts';
import { SubmissionBatchResult, type SubmissionResult } from '../../domain/submissions/submission.ts';
import { type AnyOutboxEntry, isApplication, kindOf, type OutboxKind } from './outbox-db.ts';

export const ENDPOINTS: Record<OutboxKind, string> = {
  application: '/api/submissions',
  complaint: '/api/complaints',
  survey: '/api/surveys',
  sealed: '/api/sealed',
};

/** The body of one batch: sealed entries travel as their boxes (the device cannot read them), the rest as records. */
export function requestBody(entries: readonly AnyOutboxEntry[]): SealedBatch | { records: unknown[] } {
  if (entries.every((e) => e.kind === 'sealed')) return { boxes: entries.map((e) => ({ id: e.id, box: e.box })) };
  if (entries.some((e) => e.kind === 'sealed')) throw new Error('a batch holds entries of one kind');
  return { records: entries.map((e) => (e as Exclude<AnyOutboxEntry, { kind: 'sealed' }>).record) };
}

export type AnyResult = SubmissionResult | ComplaintResult | SurveyResult;

/** What one result means for its entry. */
export type ResultOutcome =
  | { kind: 'delivered' }
  | { kind: 'rejected' }
  | { kind: 'missing-attachments'; sha256: string[] };

/**
 * The photos and files a record names, by hash, with their sizes (each hash once). A sealed entry's
 * are its sealed boxes: the plain photos never leave the device as such.
 */
export function attachmentsOf(entry: AnyOutboxEntry): Map<string, number> {
  const refs =
    entry.kind === 'sealed'
      ? entry.files
      : entry.kind === 'complaint'
        ? entry.record.photo
          ? [entry.record.photo]
          : []
        : entry.kind === 'survey'
          ? []
          : Object.values(entry.record.attachments).flat();
  return new Map(refs.map((r) => [r.sha256, r.size] as const));
}

/** The channel an application came in by (sealed or plain); undefined for complaints and surveys. */
export function channelOf(entry: AnyOutboxEntry): Channel | undefined {
  if (entry.kind === 'sealed') return entry.channel;
  return isApplication(entry) ? entry.record.channel : undefined;
}

/** The photos entries not yet delivered still name: the device's file store must keep them. */
export function photosStillNeeded(entries: readonly AnyOutboxEntry[]): Set<string> {
  return new Set(entries.filter((e) => e.state !== 'delivered').flatMap((e) => [...attachmentsOf(e).keys()]));
}

/** The server's answer to a batch of one kind, checked against that kind's schema. */
export function parseResults(kind: OutboxKind, body: unknown): AnyResult[] {
  if (kind === 'complaint') return ComplaintBatchResult.parse(body).results;
  if (kind === 'survey') return SurveyBatchResult.parse(body).results;
  if (kind === 'sealed') return SealedBatchResult.parse(body).results;
  return SubmissionBatchResult.parse(body).results;
}

/**
 * An accepted record is delivered; a survey for an application that already has a response
 * (sent from another device, or an earlier id) is delivered too — the first one counts, and asking
 * again would only repeat the answer.
 */
export function outcomeOfResult(result: AnyResult): ResultOutcome {
  switch (result.status) {
    case 'accepted':
    case 'duplicate-application':
    case 'duplicate-period':
      return { kind: 'delivered' };
    case 'rejected':
      return { kind: 'rejected' };
    case 'missing-attachments':
      return { kind: 'missing-attachments', sha256: result.sha256 };
  }
}

/** Due entries grouped by kind, each group in queue order; kinds in the order of their first entry. */
export function groupByKind<E extends AnyOutboxEntry>(entries: readonly E[]): Array<[OutboxKind, E[]]> {
  const groups = new Map<OutboxKind, E[]>();
  for (const e of entries) {
    const k = kindOf(e);
    const list = groups.get(k) ?? [];
    list.push(e);
    groups.set(k, list);
  }
  return [...groups];
}
