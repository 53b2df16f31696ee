// The issued documents kept on the resident's device (issue #15): each fetched once, verified against
// its SHA-256, and kept in IndexedDB to open, share and save without a signal. A Dexie database of its
// own: the device database (RxDB) holds only copies the server can send again, and a refresh of those
// must never drop a document the resident may need on a boat.
import { Dexie, type EntityTable } from 'dexie';
import type { DocumentType } from '../../domain/documents/document.ts';

export const DOCUMENTS_DATABASE_NAME = 'nusalayan-documents';

export type KeptDocument = {
  /** The public verification code: the key. */
  code: string;
  applicationId: string;
  sha256: string;
  type: DocumentType;
  size: number;
  blob: Blob;
  /** Device time (ms) it was stored. */
  storedAt: number;
};

export type DocumentsDatabase = Dexie & { documents: EntityTable<KeptDocument, 'code'> };

let db: DocumentsDatabase | undefined;

export function documentsDatabase(): DocumentsDatabase {
  if (!db) {
    const created = new Dexie(DOCUMENTS_DATABASE_NAME) as DocumentsDatabase;
    created.version(1).stores({ documents: 'code, applicationId' });
    db = created;
  }
  return db;
}
