// The resumable upload protocol for photos and files, shared by the device and the server: a file is
// declared by its SHA-256, type and size, sent in chunks at the offset the server acknowledged, and
// counts as delivered only once the server has verified every byte against the hash.
import { z } from 'zod';
import { ApiError } from './api.ts';
import { AttachmentRef, Sha256 } from './drafts/draft.ts';
import { sealedLimit } from './sealing/api.ts';
import { SEALED_BOX_MAGIC, SEALED_BOX_VERSION, SEALED_MEDIA_TYPE } from './sealing/sealed-box.ts';

/**
 * What a record may name (AttachmentRef's types), plus the sealed box a shared device uploads in
 * place of a photo: records never name a sealed file, the server opens it into a plain upload.
 */
export const UploadType = z.enum([...AttachmentRef.shape.type.options, SEALED_MEDIA_TYPE]);
export type UploadType = z.infer<typeof UploadType>;

/** The device sends photos of ~300 KB; the JPEG limit leaves headroom for a large scan. */
const PLAIN_UPLOAD_BYTES = {
  'image/jpeg': 1024 * 1024,
  'application/pdf': 2 * 1024 * 1024,
} as const;

export const MAX_UPLOAD_BYTES = {
  ...PLAIN_UPLOAD_BYTES,
  // A sealed box holds any plain file: the largest one plus what sealing adds.
  [SEALED_MEDIA_TYPE]: sealedLimit(Math.max(...Object.values(PLAIN_UPLOAD_BYTES))),
} as const satisfies Record<UploadType, number>;

/** A chunk small enough to get through between two drops of a satellite link is the device's choice; this is the ceiling. */
export const MAX_CHUNK_BYTES = 1024 * 1024;

/**
 * The smallest chunk the server stores, unless it ends the file: each chunk is a row of its own, so
 * a flood of tiny chunks would cost more in rows than in bytes. A device sends up to MAX_CHUNK_BYTES;
 * what a cut connection left of a chunk is kept only from this size on (the device resends the rest).
 */
export const MIN_CHUNK_BYTES = 16 * 1024;

/** The media type of a chunk body (the name tus uses), so no JSON or form parser ever touches the bytes. */
export const CHUNK_CONTENT_TYPE = 'application/offset+octet-stream';

/** The header that names the byte offset a chunk starts at (HTTP header names arrive lowercased). */
export const OFFSET_HEADER = 'upload-offset';

export const UploadParams = z.object({ sha256: Sha256 });

export const UploadDeclaration = z.object({
  type: UploadType,
  size: z.number().int().positive(),
});
export type UploadDeclaration = z.infer<typeof UploadDeclaration>;

export const UploadState = z.object({
  sha256: Sha256,
  type: UploadType,
  size: z.number().int().positive(),
  /** Bytes the server holds: the offset to send the next chunk from. */
  received: z.number().int().nonnegative(),
  /** Every byte arrived and matched the hash: a record may now name this file. */
  complete: z.boolean(),
});
export type UploadState = z.infer<typeof UploadState>;

/** At most ten digits: every offset below the 2 MB limit fits, and no huge number reaches the database. */
export const UploadOffset = z.string().regex(/^(0|[1-9][0-9]{0,9})$/, 'a byte offset: a non-negative integer');

export const UploadErrorCode = z.enum([
  'upload_conflict', // declared again with another type or size
  'upload_too_large', // above MAX_UPLOAD_BYTES for its type
  'offset_mismatch', // the chunk does not start where the server is: resume from `upload.received`
  'exceeds_size', // the chunk would go past the declared size
  'chunk_too_small', // below MIN_CHUNK_BYTES and not the end of the file
  'uploads_in_flight', // this address has too many bytes declared and not yet complete: retry later
  'hash_mismatch', // the bytes do not hash to the name: the server dropped them, send again from 0
  'type_mismatch', // the bytes are not a file of the declared type
]);
export type UploadErrorCode = z.infer<typeof UploadErrorCode>;

/** An error that also tells the device where the upload stands, so it can resume without another request. */
export const UploadProblem = ApiError.extend({ upload: UploadState });
export type UploadProblem = z.infer<typeof UploadProblem>;

/** The bytes each type's files start with: JPEG's SOI marker, the PDF header, the sealed box's magic and version. */
export const UPLOAD_SIGNATURES: Record<UploadType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [SEALED_MEDIA_TYPE]: [...new TextEncoder().encode(SEALED_BOX_MAGIC), SEALED_BOX_VERSION],
};

/** Whether `head` (the first bytes of a file) starts like a file of `type`; false when it is too short to tell. */
export function startsLikeType(type: UploadType, head: Uint8Array): boolean {
  const signature = UPLOAD_SIGNATURES[type];
  return head.length >= signature.length && signature.every((byte, i) => head[i] === byte);
}

export function exceedsUploadLimit(type: UploadType, size: number): boolean {
  return size > MAX_UPLOAD_BYTES[type];
}
