// Sealed delivery (issue 7): a kiosk's or field officer's tablet sends applications sealed to this
// server's export key (domain/sealing), and their photos as sealed uploads. Here the server opens
// each record box, opens each photo box into the plain upload the record names, and then stores the
// records through submitBatch, the one idempotent path for every application: resending the same
// boxes, or importing them from an export file (field/import.ts) before or after, answers the same.
// Nothing opened here reaches a log or an error message.

import { fromBase64Url, sha256Hex } from '../../domain/crypto/bytes.ts';
import { checkShape } from '../../domain/field-errors.ts';
import { SealedContents, type SealedFile } from '../../domain/sealing/api.ts';
import { type OpeningKey, openBox, SealedBoxError } from '../../domain/sealing/sealed-box.ts';
import { RecordEnvelope, SubmissionRecord, type SubmissionResult } from '../../domain/submissions/submission.ts';
import { startsLikeType } from '../../domain/uploads.ts';
import { ANONYMOUS, type Submitter } from '../applications/channels.ts';
import { submitBatch } from '../applications/store.ts';
import { serverDecryptionKey } from '../field/keys.ts';
import type { Database } from '../storage/db.ts';
import { completeUploads, discardUpload, emptyUpload, readUpload, storeWholeUpload } from '../uploads/store.ts';

/** submitBatch's batch size, as for POST /api/submissions. */
const BATCH = 100;

export type SealedBoxInput = { id: string; box: string };

/** Why a box is refused, under `_sealed` in its rejected result. */
export type SealedRefusal = 'undecryptable' | 'invalid_sealed' | 'other_key';

type Rejected = Extract<SubmissionResult, { status: 'rejected' }>;

/** A record box as opened: its contents, or the refusal it answers. */
export type OpenedBox = { id: string; contents: SealedContents } | { id: string; refused: Rejected };

const refuse = (id: string, code: SealedRefusal): Rejected => ({
  id,
  status: 'rejected',
  errors: { _sealed: { code } },
});

function refusalOf(err: unknown): SealedRefusal {
  if (!(err instanceof SealedBoxError)) return 'invalid_sealed';
  return err.code === 'other_key' ? 'other_key' : err.code === 'undecryptable' ? 'undecryptable' : 'invalid_sealed';
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A record box's contents with the record only as a batch checks it (an id): its own check names the field. */
const OpenedContents = SealedContents.extend({ record: RecordEnvelope });

/** Opens every record box and checks its contents: the schema, its own id, a sealed file for every photo it names. */
export async function openSealedBoxes(key: OpeningKey, boxes: readonly SealedBoxInput[]): Promise<OpenedBox[]> {
  const opened: OpenedBox[] = [];
  for (const { id, box } of boxes) {
    let plaintext: Uint8Array;
    try {
      plaintext = await openBox(key, fromBase64Url(box), 'record');
    } catch (err) {
      opened.push({ id, refused: refuse(id, refusalOf(err)) });
      continue;
    }
    let parsed: ReturnType<typeof OpenedContents.safeParse>;
    try {
      parsed = OpenedContents.safeParse(JSON.parse(utf8.decode(plaintext)));
    } catch {
      opened.push({ id, refused: refuse(id, 'invalid_sealed') });
      continue;
    }
    // A box under another id would let a device answer for, or replay, someone else's application.
    if (!parsed.success || parsed.data.record.id.toLowerCase() !== id.toLowerCase()) {
      opened.push({ id, refused: refuse(id, 'invalid_sealed') });
      continue;
    }
    // The box is sound but the record in it is not (a NUL in a name, a wrong type): rejected alone,
    // naming the field, as POST /api/submissions answers the same record.
    const record = checkShape(SubmissionRecord, parsed.data.record);
    if (!record.ok) {
      opened.push({ id, refused: { id, status: 'rejected', errors: record.errors } });
      continue;
    }
    const contents = { ...parsed.data, record: record.value };
    if (!coversAttachments(contents)) {
      opened.push({ id, refused: refuse(id, 'invalid_sealed') });
      continue;
    }
    opened.push({ id, contents });
  }
  return opened;
}

/** Every photo the record names has its sealed box, of the same type and size. */
function coversAttachments({ record, files }: SealedContents): boolean {
  return attachmentsOf(record).every((ref) =>
    files.some((f) => f.sha256 === ref.sha256 && f.type === ref.type && f.size === ref.size),
  );
}

const attachmentsOf = (record: SubmissionRecord) => Object.values(record.attachments).flat();

/** The sealed files the record names (others in the box are ignored: a record never names them). */
function neededFiles({ record, files }: SealedContents): SealedFile[] {
  const named = new Set(attachmentsOf(record).map((a) => a.sha256));
  return files.filter((f) => named.has(f.sha256));
}

/** What became of one photo: in place as a plain upload, still to be sent (its sealed hash), or refused. */
type FileOutcome = { kind: 'present' } | { kind: 'missing'; sealed: string } | { kind: 'refused'; code: SealedRefusal };

/**
 * Delivers opened boxes: their photos into plain uploads, then every record whose photos are all in
 * place through one submitBatch per 100. One result per box, in order.
 */
export async function deliverOpened(
  db: Database,
  key: OpeningKey,
  opened: readonly OpenedBox[],
  submitter: Submitter = ANONYMOUS,
): Promise<SubmissionResult[]> {
  const files = opened.flatMap((o) => ('contents' in o ? neededFiles(o.contents) : []));
  const complete = await completeUploads(
    db,
    files.flatMap((f) => [f.sha256, f.sealed]),
  );
  // Two records may share a photo (one family card for two applications): each photo is opened once.
  const outcomes = new Map<string, FileOutcome>();
  const outcomeOf = async (file: SealedFile): Promise<FileOutcome> => {
    const known = outcomes.get(file.sha256 + file.sealed);
    if (known) return known;
    const outcome = await deliverFile(db, key, file, complete);
    outcomes.set(file.sha256 + file.sealed, outcome);
    return outcome;
  };

  const results: Array<SubmissionResult | null> = [];
  const ready: Array<{ at: number; contents: SealedContents }> = [];
  for (const box of opened) {
    if ('refused' in box) {
      results.push(box.refused);
      continue;
    }
    const fileOutcomes: FileOutcome[] = [];
    for (const file of neededFiles(box.contents)) fileOutcomes.push(await outcomeOf(file));
    const refused = fileOutcomes.find((o) => o.kind === 'refused');
    const missing = [...new Set(fileOutcomes.flatMap((o) => (o.kind === 'missing' ? [o.sealed] : [])))];
    if (refused) results.push(refuse(box.id, refused.code));
    else if (missing.length > 0) results.push({ id: box.id, status: 'missing-attachments', sha256: missing });
    else {
      ready.push({ at: results.length, contents: box.contents });
      results.push(null);
    }
  }

  for (let i = 0; i < ready.length; i += BATCH) {
    const chunk = ready.slice(i, i + BATCH);
    const submitted = await submitBatch(
      db,
      chunk.map((r) => r.contents.record),
      submitter,
    );
    for (const [j, result] of submitted.entries()) results[chunk[j]!.at] = sealedNames(result, chunk[j]!.contents);
  }
  return results.map((r) => r!);
}

/** The device knows its photos by their sealed hashes: a missing-attachments answer names those. */
function sealedNames(result: SubmissionResult, contents: SealedContents): SubmissionResult {
  if (result.status !== 'missing-attachments') return result;
  const sealed = result.sha256.map((h) => contents.files.find((f) => f.sha256 === h)?.sealed ?? h);
  return { ...result, sha256: [...new Set(sealed)] };
}

async function deliverFile(
  db: Database,
  key: OpeningKey,
  file: SealedFile,
  complete: Map<string, { emptied: boolean }>,
): Promise<FileOutcome> {
  const sealedUpload = complete.get(file.sealed);
  if (complete.has(file.sha256)) {
    // The photo is in place (delivered before, or by an import): the sealed copy serves no one.
    if (sealedUpload && !sealedUpload.emptied) await emptyUpload(db, file.sealed);
    return { kind: 'present' };
  }
  if (!sealedUpload) return { kind: 'missing', sealed: file.sealed };
  const stored = await readUpload(db, file.sealed);
  if (sealedUpload.emptied || !stored || stored.data.length !== stored.size) {
    // Another delivery of the same box (a resend racing this one) opened it meanwhile.
    if ((await completeUploads(db, [file.sha256])).has(file.sha256)) return { kind: 'present' };
    // Emptied while its plain photo is not in place (never meant to happen): start it over.
    await discardUpload(db, file.sealed);
    return { kind: 'missing', sealed: file.sealed };
  }
  let plain: Uint8Array;
  try {
    plain = await openBox(key, stored.data, 'file');
  } catch (err) {
    return { kind: 'refused', code: refusalOf(err) };
  }
  if (plain.length !== file.size || (await sha256Hex(plain)) !== file.sha256 || !startsLikeType(file.type, plain))
    return { kind: 'refused', code: 'invalid_sealed' };
  const outcome = await storeWholeUpload(db, file.sha256, file.type, plain);
  // Not stored (a conflicting declaration of the plain hash, or one that raced and failed): the
  // sealed copy stays, so the next delivery tries again without the device sending it anew.
  if (outcome === 'skipped') return { kind: 'missing', sealed: file.sealed };
  await emptyUpload(db, file.sealed);
  return { kind: 'present' };
}

/** POST /api/sealed: opens and delivers a batch of boxes with the server's key. */
export async function deliverSealed(
  db: Database,
  boxes: readonly SealedBoxInput[],
  submitter: Submitter,
): Promise<SubmissionResult[]> {
  const key = await serverDecryptionKey(db);
  return deliverOpened(db, key, await openSealedBoxes(key, boxes), submitter);
}
