// Importing a field officer's export file in the back office: find the registered signing key, check
// the signature BEFORE decrypting, decrypt with the server's key, open the sealed applications inside
// and check they are the signer's, then store the sealed photos as the device's uploads would be
// stored and deliver the boxes through the same function as POST /api/sealed. So importing twice, or
// importing and then the device syncing (or the other way round), stores each application once under
// the same tracking number: by construction, not by a second implementation.
import {
  ExportFormatError,
  type ExportHeader,
  openExport,
  readExportFrame,
  verifyExport,
} from '../../domain/field/export-format.ts';
import { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';
import type { SubmissionResult } from '../../domain/submissions/submission.ts';
import { deliverOpened, type OpenedBox, openSealedBoxes } from '../sealing/deliver-sealed.ts';
import type { Database } from '../storage/db.ts';
import { storeWholeUpload } from '../uploads/store.ts';
import { findDeviceKey, serverDecryptionKey } from './keys.ts';

export type ImportOutcome = {
  header: ExportHeader;
  results: SubmissionResult[];
  /** Sealed photos in the file; those stored by this import; those the server already held. */
  files: { total: number; stored: number; present: number };
};

export async function importExport(db: Database, file: Uint8Array): Promise<ImportOutcome> {
  const frame = readExportFrame(file);
  const key = await findDeviceKey(db, frame.keyId);
  if (key.kind === 'unknown')
    throw new ExportFormatError('foreign_export', 'The file was signed by a device that is not registered here.');
  if (key.kind === 'revoked')
    throw new ExportFormatError(
      'revoked_key',
      'The file was signed with a device key that was revoked, or by an account that is disabled.',
    );
  const header = await verifyExport(frame, key.publicKey);
  if (header.officerAccountId !== key.accountId) {
    throw new ExportFormatError(
      'wrong_officer',
      'The file names another field officer than the one its signing key belongs to.',
    );
  }
  const opening = await serverDecryptionKey(db);
  const contents = await openExport(frame, header, opening);
  const opened = await openSealedBoxes(opening, contents.entries);
  await checkOfficer(db, opened, header.officerAccountId);

  const files = { total: contents.files.length, stored: 0, present: 0 };
  for (const f of contents.files) {
    const outcome = await storeWholeUpload(db, f.sha256, SEALED_MEDIA_TYPE, f.bytes);
    if (outcome === 'stored') files.stored++;
    else if (outcome === 'present') files.present++;
  }
  return { header, results: await deliverOpened(db, opening, opened), files };
}

/**
 * Every application the file holds must be one the signer collected: a field record whose collecting
 * device key is registered to the signer's account. The office imports a file as one officer's work,
 * so one stranger's record refuses the whole file rather than slipping in under the signer's name.
 */
async function checkOfficer(db: Database, opened: readonly OpenedBox[], officerAccountId: string): Promise<void> {
  const owners = new Map<string, string | null>();
  for (const box of opened) {
    if (!('contents' in box)) continue;
    const { record } = box.contents;
    const keyId = record.channel === 'field' ? record.collectedBy?.keyId : undefined;
    if (keyId && !owners.has(keyId)) {
      const found = await findDeviceKey(db, keyId);
      owners.set(keyId, found.kind === 'unknown' ? null : found.accountId);
    }
    if (!keyId || owners.get(keyId) !== officerAccountId) {
      throw new ExportFormatError(
        'wrong_officer',
        'The file holds applications of another field officer than the one who signed it.',
      );
    }
  }
}
