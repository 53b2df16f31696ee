// Photos and files at rest on a field officer's tablet (issue 7, field officer point 3): while an
// officer is signed in (field/at-rest.ts), the files store keeps a photo and its thumbnail only as
// IV ‖ AES-GCM ciphertext under the officer's data key, so a lost tablet holds no readable document
// photo. The stored record keeps the plain file's SHA-256 (what the draft's ref and the server name
// it), size, type and dimensions: nothing that shows the picture. The office's sealed boxes (type
// SEALED_MEDIA_TYPE) are unreadable here already and are never touched.
import { requireOpeningKey } from '../field/at-rest.ts';
import { sealBytes, unsealBytes } from '../field/vault.ts';
import type { StoredFile } from './files-db.ts';

export type OpenFile = { blob: Blob; thumbnail?: Blob; type: string };

const sealBlob = async (key: CryptoKey, blob: Blob): Promise<Blob> =>
  new Blob([await sealBytes(key, await blob.arrayBuffer())]);

async function openBlob(key: CryptoKey, blob: Blob, type: string): Promise<Blob> {
  return new Blob([await unsealBytes(key, new Uint8Array(await blob.arrayBuffer()))], { type });
}

/** The file as it is stored: sealed under `key`, or as it is without one (no officer on the device). */
export async function toStoredFile(file: StoredFile, key: CryptoKey | null): Promise<StoredFile> {
  if (!key || file.sealedAtRest) return file;
  const blob = await sealBlob(key, file.blob);
  const thumbnail = file.thumbnail && (await sealBlob(key, file.thumbnail));
  return { ...file, blob, ...(thumbnail ? { thumbnail } : {}), sealedAtRest: true };
}

/** The readable file; one sealed at rest needs the unlocked key (FieldLockedError without it). */
export async function fromStoredFile(file: StoredFile, key: () => CryptoKey = requireOpeningKey): Promise<OpenFile> {
  if (!file.sealedAtRest)
    return file.thumbnail
      ? { blob: file.blob, thumbnail: file.thumbnail, type: file.type }
      : { blob: file.blob, type: file.type };
  const k = key();
  const blob = await openBlob(k, file.blob, file.type);
  // Thumbnails are JPEG whatever the file is (compress.ts).
  return file.thumbnail
    ? { blob, thumbnail: await openBlob(k, file.thumbnail, 'image/jpeg'), type: file.type }
    : { blob, type: file.type };
}
