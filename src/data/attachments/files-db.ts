// The attachment store's IndexedDB database: one table of blobs keyed by content hash. Kept apart
// from RxDB and plain on a resident's phone and a kiosk, because the service worker opens it to upload
// files before their record; a field officer's tablet seals its files here (and sends only sealed boxes).
import { Dexie, type EntityTable } from 'dexie';
import type { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';

export const FILES_DATABASE_NAME = 'nusalayan-files';

export type StoredFile = {
  /** Lowercase hex SHA-256 of the file's bytes (the plain ones when sealed at rest): the name the record and the server use. */
  sha256: string;
  /** A sealed box (domain/sealing) holds a photo or file only the office server can open: an outbox copy. */
  type: 'image/jpeg' | 'application/pdf' | typeof SEALED_MEDIA_TYPE;
  size: number;
  blob: Blob;
  thumbnail?: Blob;
  width?: number;
  height?: number;
  /** SHA-256 of the file as picked, before compression: picking the same photo again skips the work. */
  sourceSha256: string;
  /** Device time (ms since epoch) the file was stored. */
  createdAt: number;
  /**
   * On a field officer's tablet: `blob` and `thumbnail` are IV ‖ AES-GCM ciphertext under the
   * officer's data key (attachments/at-rest.ts); the hashes, size and type above are the plain file's.
   */
  sealedAtRest?: true;
};

export type FilesDatabase = Dexie & { files: EntityTable<StoredFile, 'sha256'> };

let db: FilesDatabase | undefined;

export function filesDatabase(): FilesDatabase {
  if (!db) {
    const created = new Dexie(FILES_DATABASE_NAME) as FilesDatabase;
    created.version(1).stores({ files: 'sha256, sourceSha256' });
    db = created;
  }
  return db;
}
