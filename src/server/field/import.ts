// Importing a field officer's export file in the back office: find the registered signing key, check
// the signature BEFORE decrypting, decrypt with the server's key, validate, then store the photos
// through the uploads store (declare + append + the hash check of the whole file) and the records
// through submitBatch — the same idempotent path as the device's own sync, so importing twice, or
// importing and then syncing, stores each application once under the same tracking number.
import { exceedsUploadLimit, MAX_CHUNK_BYTES } from '../../domain/uploads.ts';
import { ExportFormatError, openExport, readExportFrame, verifyExport, type ExportHeader } from '../../domain/field/export-format.ts';
import type { SubmissionResult } from '../../domain/submissions/submission.ts';
import type { Database } from '../storage/db.ts';
import { submitBatch } from '../submissions/store.ts';
import { appendChunk, declareUpload } from '../uploads/store.ts';
import { findDeviceKey, serverDecryptionKey } from './keys.ts';

/** submitBatch's batch size, as for POST /api/submissions. */
const BATCH = 100;

export type ImportOutcome = {
  header: ExportHeader;
  results: SubmissionResult[];
  /** Photos in the file; those stored by this import; those the server already held. */
  files: { total: number; stored: number; present: number };
};

export async function importExport(db: Database, file: Uint8Array): Promise<ImportOutcome> {
  const frame = readExportFrame(file);
  const key = await findDeviceKey(db, frame.keyId);
  if (key.kind === 'unknown') throw new ExportFormatError('foreign_export', 'The file was signed by a device that is not registered here.');
  if (key.kind === 'revoked') throw new ExportFormatError('revoked_key', 'The file was signed with a device key that was revoked, or by an account that is disabled.');
  const header = await verifyExport(frame, key.publicKey);
  if (header.officerAccountId !== key.accountId) {
    throw new ExportFormatError('wrong_officer', 'The file names another field officer than the one its signing key belongs to.');
  }
  const contents = await openExport(frame, header, await serverDecryptionKey(db));

  const files = { total: contents.files.length, stored: 0, present: 0 };
  for (const f of contents.files) {
    const outcome = await storeFile(db, f.sha256, f.type, f.bytes);
    if (outcome === 'stored') files.stored++;
    else if (outcome === 'present') files.present++;
  }

  const results: SubmissionResult[] = [];
  const records = contents.entries.map((e) => e.record);
  for (let i = 0; i < records.length; i += BATCH) results.push(...(await submitBatch(db, records.slice(i, i + BATCH))));
  return { header, results, files };
}

/**
 * Stores one photo through the uploads store, in chunks at the acknowledged offset; the last chunk
 * verifies the whole file against its hash. 'skipped' leaves the photo missing (its records answer
 * missing-attachments): a declaration under this hash with another type or size, or a file above the
 * limit of its type.
 */
async function storeFile(db: Database, sha256: string, type: 'image/jpeg' | 'application/pdf', bytes: Uint8Array): Promise<'stored' | 'present' | 'skipped'> {
  if (exceedsUploadLimit(type, bytes.length)) return 'skipped';
  const declared = await declareUpload(db, sha256, type, bytes.length);
  if (declared.conflict) return 'skipped';
  if (declared.state.complete) return 'present';
  let offset = declared.state.received;
  // Each round either moves forward or learns the offset another sender (the device itself) reached.
  for (let round = 0; round < 2 * Math.ceil(bytes.length / MAX_CHUNK_BYTES) + 4; round++) {
    const result = await appendChunk(db, sha256, offset, bytes.subarray(offset, Math.min(bytes.length, offset + MAX_CHUNK_BYTES)));
    if (result.kind === 'not_found') return 'skipped';
    if (result.state.complete) return 'stored';
    if (result.kind === 'hash_mismatch' || result.kind === 'type_mismatch' || result.kind === 'exceeds_size') return 'skipped';
    offset = result.state.received;
  }
  return 'skipped';
}
