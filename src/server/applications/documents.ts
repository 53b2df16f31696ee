// Issued documents on the server (issue #15): checked before an officer's move, stored in the move's
// transaction, listed with the application (office and resident's device), served to the office and
// to the holder of the application's secret, and verified publicly by code without personal data.
import { createHash, randomInt } from 'node:crypto';
import type { OfficerMove } from '../../domain/backoffice/application-status.ts';
import { documentOf } from '../../domain/backoffice/application-status.ts';
import {
  type DocumentAttachment,
  type DocumentVerification,
  type IssuedDocument,
  looksSigned,
  VERIFICATION_CODE_LENGTH,
} from '../../domain/documents/document.ts';
import { TRACKING_ALPHABET } from '../../domain/submissions/tracking-number.ts';
import type { LocalizedText } from '../../domain/text.ts';
import type { Database, Queryable } from '../storage/db.ts';
import { timestampToIso } from '../storage/timestamps.ts';
import { readUpload } from '../uploads/store.ts';

/** Why a document cannot be attached: the move is refused with this code (422), nothing changes. */
export type DocumentProblem =
  /** No complete upload under this SHA-256: upload it first. */
  | 'document.not-uploaded'
  /** Not a PDF or JPEG (a sealed box, say). */
  | 'document.type'
  /** Declared signed, but the file is no PDF with a signature dictionary. */
  | 'document.not-signed'
  /** This application already has this very file. */
  | 'document.duplicate';

export const DOCUMENT_PROBLEMS: Record<DocumentProblem, string> = {
  'document.not-uploaded': 'Upload the document first (PUT and PATCH /api/uploads/:sha256), then move.',
  'document.type': 'An issued document is a PDF or a JPEG image.',
  'document.not-signed': 'The file is not a PDF with an electronic signature: do not mark it as signed.',
  'document.duplicate': 'This document is already attached to the application.',
};

/** Checks the document a move carries, before the move; null when there is none or it is fine. */
export async function checkMoveDocument(
  db: Database,
  applicationId: string,
  move: OfficerMove,
): Promise<DocumentProblem | null> {
  const doc = documentOf(move);
  if (!doc) return null;
  const file = await readUpload(db, doc.sha256);
  if (!file?.complete) return 'document.not-uploaded';
  if (file.type !== 'application/pdf' && file.type !== 'image/jpeg') return 'document.type';
  if (doc.signed && (file.type !== 'application/pdf' || !looksSigned(file.data))) return 'document.not-signed';
  const [dup] = await db.query('select 1 from application_documents where application_id = $1::uuid and sha256 = $2', [
    applicationId,
    doc.sha256,
  ]);
  return dup ? 'document.duplicate' : null;
}

/** A fresh public code: 80 random bits in Crockford base32. */
export function newVerificationCode(): string {
  let code = '';
  for (let i = 0; i < VERIFICATION_CODE_LENGTH; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return code;
}

/**
 * Stores the document a move issues, inside the move's transaction (with its history entry): the
 * application moves with its document or not at all. Throws when the upload is gone or not a
 * document's type, which rolls the move back (checkMoveDocument answers that case before).
 */
export async function issueDocument(
  tx: Queryable,
  applicationId: string,
  status: 'ready' | 'completed',
  doc: DocumentAttachment,
  eventId: number,
): Promise<void> {
  const rows = await tx.query(
    `insert into application_documents
       (application_id, code, sha256, type, size, note, signed, status, office_id, service_id, event_id)
     select a.id, $2, u.sha256, u.type, u.size, $4, $5, $6, a.office_id, a.service_id, $7
       from applications a join uploads u on u.sha256 = $3 and u.complete and u.type in ('application/pdf', 'image/jpeg')
      where a.id = $1::uuid
     returning id`,
    [applicationId, newVerificationCode(), doc.sha256, doc.note ?? null, doc.signed ?? false, status, eventId],
  );
  if (rows.length !== 1) throw new Error('issued document: no complete upload of a document type');
}

/** The move's document, if it carries one, issued with it (called inside the move's transaction). */
export async function issueMoveDocument(tx: Queryable, applicationId: string, move: OfficerMove, eventId: number) {
  const doc = documentOf(move);
  if (doc && (move.to === 'ready' || move.to === 'completed'))
    await issueDocument(tx, applicationId, move.to, doc, eventId);
}

type DocumentRow = {
  code: string;
  sha256: string;
  type: IssuedDocument['type'];
  size: number;
  note: string | null;
  signed: boolean;
  status: IssuedDocument['status'];
  issued_at: string;
};

const toIssued = (r: DocumentRow): IssuedDocument => ({
  code: r.code,
  sha256: r.sha256,
  type: r.type,
  size: r.size,
  ...(r.note ? { note: r.note } : {}),
  signed: r.signed,
  status: r.status,
  issuedAt: timestampToIso(r.issued_at),
});

/** SQL: an application's documents as a JSON array, oldest first (for one-query reads such as the device pull). */
export const DOCUMENTS_JSON = (applicationAlias: string) => `(
  select coalesce(jsonb_agg(jsonb_build_object('code', d.code, 'sha256', d.sha256, 'type', d.type, 'size', d.size,
           'note', d.note, 'signed', d.signed, 'status', d.status, 'issued_at', d.issued_at) order by d.id), '[]'::jsonb)
    from application_documents d where d.application_id = ${applicationAlias}.id)`;

/** Reads what DOCUMENTS_JSON selected. */
export const issuedFromJson = (rows: DocumentRow[] | null): IssuedDocument[] => (rows ?? []).map(toIssued);

/** An application's issued documents, oldest first. */
export async function issuedDocuments(db: Queryable, applicationId: string): Promise<IssuedDocument[]> {
  const rows = await db.query<DocumentRow>(
    `select code, sha256, type, size, note, signed, status, issued_at from application_documents
      where application_id = $1::uuid order by id`,
    [applicationId],
  );
  return rows.map(toIssued);
}

/** The bytes of one of an application's documents, or null when the application has no such document. */
export async function documentFile(db: Database, applicationId: string, code: string) {
  const [row] = await db.query<{ sha256: string }>(
    'select sha256 from application_documents where application_id = $1::uuid and code = $2',
    [applicationId, code],
  );
  const file = row ? await readUpload(db, row.sha256) : null;
  return file?.complete ? file : null;
}

/** Whether `secret` is the application's (its SHA-256 is what the submission carried). */
export async function holdsSecret(db: Queryable, applicationId: string, secret: string): Promise<boolean> {
  const [row] = await db.query<{ secret_hash: string }>('select secret_hash from applications where id = $1::uuid', [
    applicationId,
  ]);
  const hash = createHash('sha256').update(secret).digest('hex');
  return row !== undefined && row.secret_hash.length === hash.length && row.secret_hash === hash;
}

/** What the public verification shows: issuing office, service, date, hash — never the applicant. */
export async function verifyDocument(db: Queryable, code: string): Promise<DocumentVerification | null> {
  const [row] = await db.query<{
    code: string;
    sha256: string;
    type: DocumentVerification['type'];
    size: number;
    signed: boolean;
    issued_at: string;
    office_id: string | null;
    office_name: LocalizedText | null;
    service_id: string;
    service_name: LocalizedText | null;
  }>(
    `select d.code, d.sha256, d.type, d.size, d.signed, d.issued_at, d.office_id, o.doc->'name' as office_name,
            d.service_id, s.doc->'name' as service_name
       from application_documents d
       left join catalogue_docs o on o.collection = 'offices' and o.id = d.office_id
       left join catalogue_docs s on s.collection = 'services' and s.id = d.service_id
      where d.code = $1`,
    [code],
  );
  if (!row) return null;
  return {
    code: row.code,
    office: row.office_id && row.office_name ? { id: row.office_id, name: row.office_name } : null,
    service: { id: row.service_id, name: row.service_name ?? { id: row.service_id, en: row.service_id } },
    issuedAt: timestampToIso(row.issued_at),
    sha256: row.sha256,
    type: row.type,
    size: row.size,
    signed: row.signed,
  };
}
