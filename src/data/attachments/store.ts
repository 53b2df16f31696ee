// The device's attachment store: takes a picked file, checks what it really is, makes a page photo of
// images, and keeps the result by content hash until no draft or queued submission names it. On a
// field officer's tablet what it keeps is sealed at rest (at-rest.ts); readers get the plain file.
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import type { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';
import { sealingKey } from '../field/at-rest.ts';
import { isQuotaError } from '../storage-errors.ts';
import { fromStoredFile, type OpenFile, toStoredFile } from './at-rest.ts';
import { compressImage } from './compress.ts';
import { AttachmentError } from './errors.ts';
import { filesDatabase, type StoredFile } from './files-db.ts';
import { sha256Hex } from './hash.ts';
import { MAX_INPUT_BYTES, MAX_PDF_BYTES } from './policy.ts';
import { isCompressibleImage, sniffBlob } from './sniff.ts';

export { AttachmentError, type AttachmentErrorCode } from './errors.ts';
export { MAX_INPUT_BYTES, MAX_PDF_BYTES } from './policy.ts';

const MB = 1024 * 1024;
const MAX_NAME_LENGTH = 200; // AttachmentRef.name

/** Files stored more recently than this are kept by removeUnreferenced unless the caller says otherwise. */
export const DEFAULT_GRACE_MS = 10 * 60_000;

export async function addAttachment(file: File): Promise<AttachmentRef> {
  if (file.size > MAX_INPUT_BYTES) throw new AttachmentError('too-large', { maxMb: MAX_INPUT_BYTES / MB });
  if (file.size === 0) throw new AttachmentError('unreadable');
  // Before any work: an officer's tablet that is locked cannot store a photo it must seal.
  const key = await storing(() => sealingKey());
  const [type, sourceSha256] = await readable(() => Promise.all([sniffBlob(file), sha256Hex(file)]));
  const db = filesDatabase();

  const known = await storing(() => db.files.where('sourceSha256').equals(sourceSha256).first());
  if (known && isDocument(known)) return refOf(known, file.name);

  let entry: DocumentFile;
  if (isCompressibleImage(type)) {
    const { photo, thumbnail, width, height } = await compressImage(file);
    entry = {
      sha256: await sha256Hex(photo),
      type: 'image/jpeg',
      size: photo.size,
      blob: photo,
      thumbnail,
      width,
      height,
      sourceSha256,
      createdAt: Date.now(),
    };
  } else if (type === 'application/pdf') {
    if (file.size > MAX_PDF_BYTES) throw new AttachmentError('too-large', { maxMb: MAX_PDF_BYTES / MB });
    // A plain Blob with the sniffed type: the stored value carries neither the picked name nor a wrong MIME.
    const blob = file.slice(0, file.size, 'application/pdf');
    entry = {
      sha256: sourceSha256,
      type: 'application/pdf',
      size: blob.size,
      blob,
      sourceSha256,
      createdAt: Date.now(),
    };
  } else {
    throw new AttachmentError('type', { detected: type });
  }

  const sealed = await toStoredFile(entry, key);
  // Put only if absent: another tab (or an earlier pick of another file) may have stored the same bytes.
  await storing(() =>
    db.transaction('rw', db.files, async () => {
      if (!(await db.files.get(entry.sha256))) await db.files.add(sealed);
    }),
  );
  return refOf(entry, file.name);
}

/**
 * The stored file, readable: one sealed at rest is opened with the officer's unlocked key
 * (FieldLockedError while locked); an outbox's sealed box comes as it is (only the server opens it).
 */
/**
 * A resident's own application or complaint on a field officer's tablet names photos kept sealed
 * under the officer's key (at-rest.ts): the plain outbox would upload those bytes as they are stored,
 * and the server's hash check would refuse them for ever. Such a "Kirim" is refused at once instead.
 */
export class SealedAtRestError extends Error {
  constructor() {
    super("photos on this tablet are sealed under a field officer's key: send through the field officer's screens");
    this.name = 'SealedAtRestError';
  }
}

/** Throws SealedAtRestError when any of these stored files is sealed at rest. */
export async function assertPlainFiles(hashes: Iterable<string>): Promise<void> {
  const files = await filesDatabase().files.bulkGet([...new Set(hashes)]);
  if (files.some((f) => f?.sealedAtRest)) throw new SealedAtRestError();
}

export async function getAttachment(sha256: string): Promise<OpenFile | undefined> {
  const file = await filesDatabase().files.get(sha256);
  return file && fromStoredFile(file);
}

/**
 * Deletes every file sealed at rest: for a data key that is gone (five wrong PINs, a new PIN when the
 * old one is forgotten), after which nothing can read them. The office's sealed boxes stay.
 */
export async function removeSealedAtRest(): Promise<number> {
  const db = filesDatabase();
  return db.transaction('rw', db.files, async () => {
    const sealed = await db.files.filter((f) => f.sealedAtRest === true).primaryKeys();
    await db.files.bulkDelete(sealed);
    return sealed.length;
  });
}

/**
 * Deletes stored files whose hash is not in `keep` (every hash still named by a draft or a queued
 * submission). Files younger than `graceMs` are kept: between addAttachment returning and the draft
 * being saved with the new ref, the file is referenced by nothing yet, and must not be collected.
 */
export async function removeUnreferenced(
  keep: ReadonlySet<string>,
  options: { graceMs?: number } = {},
): Promise<number> {
  const storedBefore = Date.now() - (options.graceMs ?? DEFAULT_GRACE_MS);
  const db = filesDatabase();
  return db.transaction('rw', db.files, async () => {
    const unreferenced = await db.files.filter((f) => !keep.has(f.sha256) && f.createdAt <= storedBefore).primaryKeys();
    await db.files.bulkDelete(unreferenced);
    return unreferenced.length;
  });
}

export async function storageEstimate(): Promise<{ usage: number; quota: number } | undefined> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return undefined;
  try {
    const { usage = 0, quota = 0 } = await navigator.storage.estimate();
    return { usage, quota };
  } catch {
    return undefined;
  }
}

/** Asks the browser not to evict this origin's storage (Safari clears it after 7 days of no use otherwise). */
export async function requestPersistence(): Promise<boolean> {
  // persist() exists only in windows, not in workers or the service worker.
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persist !== 'function') return false;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}

/** A document photo or file, as a draft names it (not an outbox's sealed box). */
type DocumentFile = StoredFile & { type: AttachmentRef['type'] };
// The literal, type-checked against the constant: importing the value would bring the sealing code along.
const SEALED_BOX: typeof SEALED_MEDIA_TYPE = 'application/vnd.nusalayan.sealed';
const isDocument = (file: StoredFile): file is DocumentFile => file.type !== SEALED_BOX;

function refOf(file: DocumentFile, pickedName: string): AttachmentRef {
  const ref: AttachmentRef = {
    sha256: file.sha256,
    type: file.type,
    size: file.size,
    name: pickedName.slice(0, MAX_NAME_LENGTH),
  };
  if (file.width !== undefined) ref.width = file.width;
  if (file.height !== undefined) ref.height = file.height;
  return ref;
}

/** Runs a read of the picked file; a file moved or revoked since it was picked cannot be read. */
async function readable<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    throw new AttachmentError('unreadable', {}, { cause });
  }
}

/** Runs a database operation; a full device (even when it fails the first open) becomes a typed 'quota' error. */
async function storing<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (isQuotaError(error)) throw new AttachmentError('quota', {}, { cause: error });
    throw error;
  }
}
