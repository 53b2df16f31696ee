// The device's attachment store: takes a picked file, checks what it really is, makes a page photo of
// images, and keeps the result by content hash until no draft or queued submission names it.
import type { AttachmentRef } from '../../domain/drafts/draft.ts';
import { compressImage } from './compress.ts';
import { isQuotaError } from '../storage-errors.ts';
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
  const [type, sourceSha256] = await readable(() => Promise.all([sniffBlob(file), sha256Hex(file)]));
  const db = filesDatabase();

  const known = await storing(() => db.files.where('sourceSha256').equals(sourceSha256).first());
  if (known) return refOf(known, file.name);

  let entry: StoredFile;
  if (isCompressibleImage(type)) {
    const { photo, thumbnail, width, height } = await compressImage(file);
    entry = { sha256: await sha256Hex(photo), type: 'image/jpeg', size: photo.size, blob: photo, thumbnail, width, height, sourceSha256, createdAt: Date.now() };
  } else if (type === 'application/pdf') {
    if (file.size > MAX_PDF_BYTES) throw new AttachmentError('too-large', { maxMb: MAX_PDF_BYTES / MB });
    // A plain Blob with the sniffed type: the stored value carries neither the picked name nor a wrong MIME.
    const blob = file.slice(0, file.size, 'application/pdf');
    entry = { sha256: sourceSha256, type: 'application/pdf', size: blob.size, blob, sourceSha256, createdAt: Date.now() };
  } else {
    throw new AttachmentError('type', { detected: type });
  }

  // Put only if absent: another tab (or an earlier pick of another file) may have stored the same bytes.
  const stored = await storing(() =>
    db.transaction('rw', db.files, async () => {
      const existing = await db.files.get(entry.sha256);
      if (existing) return existing;
      await db.files.add(entry);
      return entry;
    }),
  );
  return refOf(stored, file.name);
}

export async function getAttachment(sha256: string): Promise<{ blob: Blob; thumbnail?: Blob; type: string } | undefined> {
  const file = await filesDatabase().files.get(sha256);
  if (!file) return undefined;
  return file.thumbnail ? { blob: file.blob, thumbnail: file.thumbnail, type: file.type } : { blob: file.blob, type: file.type };
}

/**
 * Deletes stored files whose hash is not in `keep` (every hash still named by a draft or a queued
 * submission). Files younger than `graceMs` are kept: between addAttachment returning and the draft
 * being saved with the new ref, the file is referenced by nothing yet, and must not be collected.
 */
export async function removeUnreferenced(keep: ReadonlySet<string>, options: { graceMs?: number } = {}): Promise<number> {
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

function refOf(file: StoredFile, pickedName: string): AttachmentRef {
  const ref: AttachmentRef = { sha256: file.sha256, type: file.type, size: file.size, name: pickedName.slice(0, MAX_NAME_LENGTH) };
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
