// Sealed delivery (POST /api/sealed): what a shared device (kiosk, field officer's tablet) sends
// instead of plain records. Each box (sealed-box.ts, context 'record') holds SealedContents as UTF-8
// JSON; each photo travels first as its own sealed box (context 'file') through the ordinary uploads
// protocol, with media type SEALED_MEDIA_TYPE, named by the SHA-256 of the sealed bytes. The server
// opens the record box, opens each named photo box, checks the photo against the record's hash,
// stores it as the plain upload, then stores the record exactly as POST /api/submissions would:
// same idempotency (the record id), same results.
import { z } from 'zod';
import { Base64Url } from '../crypto/bytes.ts';
import { EcPublicJwk, KeyId } from '../crypto/keys.ts';
import { AttachmentRef, Sha256 } from '../drafts/draft.ts';
import { SubmissionRecord, SubmissionResult } from '../submissions/submission.ts';
import { SEALED_OVERHEAD_BYTES } from './sealed-box.ts';

/** One photo of a sealed record: its plain hash (as the record names it) and the sealed upload that carries it. */
export const SealedFile = z.object({
  sha256: Sha256,
  type: AttachmentRef.shape.type,
  size: z.number().int().positive(),
  /** SHA-256 of the sealed box: the upload's name. */
  sealed: Sha256,
  sealedSize: z.number().int().positive(),
});
export type SealedFile = z.infer<typeof SealedFile>;

/** The plaintext of a record box. `files` names a sealed box for every photo the record names. */
export const SealedContents = z.object({
  kind: z.literal('application'),
  record: SubmissionRecord,
  files: z.array(SealedFile),
});
export type SealedContents = z.infer<typeof SealedContents>;

/** A box in transit: base64url of the sealed bytes (records are a few KB; 256 KB is far above any). */
export const SealedBoxText = Base64Url.max(256 * 1024);

export const SealedBatch = z.object({
  boxes: z
    .array(z.object({ id: z.uuid({ version: 'v7' }), box: SealedBoxText }))
    .min(1)
    .max(100),
});
export type SealedBatch = z.infer<typeof SealedBatch>;

/**
 * One result per box, as POST /api/submissions answers, keyed by the box's id. `missing-attachments`
 * names the SEALED hashes (the uploads the device holds). A box that does not open, or whose contents
 * break the schema or name another id, is `rejected` with the error under the key `_sealed`.
 */
export const SealedBatchResult = z.object({ results: z.array(SubmissionResult) });
export type SealedBatchResult = z.infer<typeof SealedBatchResult>;

/** The largest sealed photo: the largest plain upload plus the box's overhead. */
export const sealedLimit = (plainLimit: number): number => plainLimit + SEALED_OVERHEAD_BYTES;

/** GET /api/sealing-key (public, no account): the server key shared devices seal to; the same key export files use. */
export const SealingKeyResponse = z.object({ keyId: KeyId, publicKey: EcPublicJwk });
export type SealingKeyResponse = z.infer<typeof SealingKeyResponse>;
