// Issued documents (issue #15): the product an office hands over electronically (a PDF or a photo of
// it), attached to an application when it moves to "ready" or "completed", replicated to the
// resident's device, and verifiable by anyone by its public code — which tells the issuing office,
// the service, the date and the file's SHA-256, never who it was issued to.
import { z } from 'zod';
import { AttachmentRef, Sha256 } from '../drafts/draft.ts';
import { Instant, LocalizedText, Slug, Text } from '../text.ts';

/** 16 Crockford base32 characters (as tracking numbers): 80 random bits, printed as a QR code, readable over the phone. */
export const VERIFICATION_CODE_LENGTH = 16;
export const VerificationCode = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{16}$/, 'verification code: 16 Crockford base32 characters');
export type VerificationCode = z.infer<typeof VerificationCode>;

/** The public page that verifies a document: on its cover sheet as a QR code. */
export const verificationPath = (code: string): string => `/verifikasi/${code}`;

/** The types an issued document may have: those of the content-addressed uploads. */
export const DocumentType = AttachmentRef.shape.type;
export type DocumentType = z.infer<typeof DocumentType>;

/** What an officer attaches with a move to "ready" or "completed": a complete upload, and a note for the resident. */
export const DocumentAttachment = z.object({
  sha256: Sha256,
  note: Text.trim().min(1).max(1000).optional(),
  /**
   * The office uploaded a PDF carrying an electronic signature (the server checks that the PDF has a
   * signature dictionary; it does not validate the certificate). Only then does the app say so.
   */
  signed: z.boolean().optional(),
});
export type DocumentAttachment = z.infer<typeof DocumentAttachment>;

/** An issued document as the resident's device and the office see it (no bytes: those are fetched once). */
export const IssuedDocument = z.object({
  code: VerificationCode,
  sha256: Sha256,
  type: DocumentType,
  size: z.number().int().positive(),
  note: z.string().max(1000).optional(),
  signed: z.boolean(),
  /** The move it came with. */
  status: z.enum(['ready', 'completed']),
  issuedAt: Instant,
});
export type IssuedDocument = z.infer<typeof IssuedDocument>;

/** GET /api/verify/:code: what anyone holding the paper or the file may learn — nothing personal. */
export const DocumentVerification = z.object({
  code: VerificationCode,
  office: z.object({ id: Slug, name: LocalizedText }).nullable(),
  service: z.object({ id: Slug, name: LocalizedText }),
  issuedAt: Instant,
  sha256: Sha256,
  type: DocumentType,
  size: z.number().int().positive(),
  signed: z.boolean(),
});
export type DocumentVerification = z.infer<typeof DocumentVerification>;

/** `<name>-<code>.pdf`: the file name a downloaded document is saved under. */
export function documentFileName(doc: Pick<IssuedDocument, 'code' | 'type'>, name = 'dokumen'): string {
  return `${name}-${doc.code}.${doc.type === 'application/pdf' ? 'pdf' : 'jpg'}`;
}

/**
 * Whether a PDF's bytes carry a signature dictionary (`/ByteRange` with `/Contents`): what a PDF
 * signed by BSrE or any PAdES signer has. A presence check, not a validation of the signature.
 */
export function looksSigned(pdf: Uint8Array): boolean {
  const text = new TextDecoder('latin1').decode(pdf);
  return /\/ByteRange\s*\[/.test(text) && /\/Type\s*\/Sig\b/.test(text);
}
