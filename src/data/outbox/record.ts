// The record "Kirim" sends, built one way for every channel: a resident's phone queues it as it is,
// a kiosk or field tablet seals it (seal.ts) — the server must store exactly the same thing.
import type { Channel } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import { collectionStatement } from '../../domain/field/collection.ts';
import { type CollectedBy, SubmissionRecord } from '../../domain/submissions/submission.ts';
import { sha256Hex } from '../attachments/hash.ts';
import { deviceKey } from './device-key.ts';

export type RecordOptions = {
  /**
   * The office a device that belongs to one (a kiosk in a village office) asks to handle the
   * application; the server honours it only if that office serves the service.
   */
  officeId?: string | undefined;
  /**
   * A field officer's device: signs the record's collection statement with the officer's registered
   * key (src/data/field/collect.ts), proving who collected it. Every round (a correction) signs anew.
   */
  collect?: ((statement: Uint8Array<ArrayBuffer>) => Promise<CollectedBy>) | undefined;
};

/** `previous`: the round before, whose channel, device and office a correction keeps. */
export async function buildRecord(
  draft: Draft,
  channel: Channel,
  secret: string,
  options: RecordOptions,
  previous?: SubmissionRecord,
): Promise<SubmissionRecord> {
  const record = SubmissionRecord.parse({
    id: draft.id,
    serviceId: draft.serviceId,
    formVersion: draft.formVersion,
    channel: previous?.channel ?? channel,
    applicant: draft.applicant,
    answers: draft.answers,
    attachments: draft.attachments,
    consent: draft.consent,
    secretHash: await sha256Hex(secret),
    deviceKeyHash: previous?.deviceKeyHash ?? (await sha256Hex((await deviceKey())!)),
    officeId: previous?.officeId ?? options.officeId,
  });
  if (options.collect) record.collectedBy = await options.collect(collectionStatement(record));
  return record;
}
