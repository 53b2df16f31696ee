// The attachment store's IndexedDB database: one table of blobs keyed by content hash. Kept apart
// from RxDB and kept plain, because the service worker opens it to upload files before their record.
import { Dexie, type EntityTable } from 'dexie';

export const FILES_DATABASE_NAME = 'nusalayan-files';

export type StoredFile = {
  /** Lowercase hex SHA-256 of `blob`: the name the record and the server use. */
  sha256: string;
  type: 'image/jpeg' | 'application/pdf';
  size: number;
  blob: Blob;
  thumbnail?: Blob;
  width?: number;
  height?: number;
  /** SHA-256 of the file as picked, before compression: picking the same photo again skips the work. */
  sourceSha256: string;
  /** Device time (ms since epoch) the file was stored. */
  createdAt: number;
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
