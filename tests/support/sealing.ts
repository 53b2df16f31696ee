// Sealed applications as a kiosk or field tablet makes them at "Kirim" (domain/sealing): the record
// box and each photo's box, sealed to the server's key; and their delivery through the uploads
// protocol, as the outbox drains them. For tests of POST /api/sealed and of export files.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { toBase64Url } from '../../src/domain/crypto/bytes.ts';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import type { SealedContents } from '../../src/domain/sealing/api.ts';
import { sealApplication as sealOnDevice } from '../../src/domain/sealing/seal-application.ts';
import { SEALED_MEDIA_TYPE, type SealingKey, sealBox } from '../../src/domain/sealing/sealed-box.ts';
import type { SubmissionRecord } from '../../src/domain/submissions/submission.ts';

export const sha256Hex = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

/** A photo as the device holds it before sealing. */
export type PlainFile = { sha256: string; type: AttachmentRef['type']; size: number; bytes: Uint8Array };

/** A small photo that starts like a JPEG (all the server checks besides the hash), with its record reference. */
export function jpegFile(name = 'foto.jpg', extraBytes = 300): PlainFile & { ref: AttachmentRef } {
  const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(extraBytes)]));
  const sha256 = sha256Hex(bytes);
  return {
    sha256,
    type: 'image/jpeg',
    size: bytes.length,
    bytes,
    ref: { sha256, type: 'image/jpeg', size: bytes.length, name },
  };
}
/** A sealed photo box: its upload's name, size and bytes. */
export type SealedUpload = { sha256: string; size: number; bytes: Uint8Array };
export type SealedApplication = { id: string; box: string; files: SealedUpload[]; contents: SealedContents };

export async function sealFile(key: SealingKey, file: PlainFile): Promise<SealedUpload> {
  const bytes = await sealBox(key, file.bytes, 'file');
  return { sha256: sha256Hex(bytes), size: bytes.length, bytes };
}

/**
 * Seals a record and the photos it names (from `photos`, by hash) as the device does. `contents` may
 * change what goes inside the record box, for tests of a box that names the wrong things.
 */
export async function sealApplication(
  key: SealingKey,
  record: SubmissionRecord,
  photos: readonly PlainFile[],
  contents?: (c: SealedContents) => unknown,
): Promise<SealedApplication> {
  const byHash = new Map(photos.map((p) => [p.sha256, p.bytes] as const));
  const sealed = await sealOnDevice(key, record, async (sha) => byHash.get(sha));
  const box = contents
    ? toBase64Url(await sealBox(key, new TextEncoder().encode(JSON.stringify(contents(sealed.contents))), 'record'))
    : sealed.box;
  return {
    id: record.id,
    box,
    files: sealed.files.map((f) => ({ sha256: f.sealed, size: f.sealedSize, bytes: f.bytes })),
    contents: sealed.contents,
  };
}

/** Uploads a sealed photo box as the outbox does: declare, then one chunk. */
export async function uploadSealed(app: FastifyInstance, file: SealedUpload): Promise<void> {
  await uploadFile(app, { ...file, type: SEALED_MEDIA_TYPE });
}

/** Uploads a file of any type as a device does: declare, then the rest in one chunk. */
export async function uploadFile(
  app: FastifyInstance,
  file: { sha256: string; type: string; size: number; bytes: Uint8Array },
): Promise<void> {
  const put = await app.inject({
    method: 'PUT',
    url: `/api/uploads/${file.sha256}`,
    payload: { type: file.type, size: file.size },
  });
  if (put.statusCode !== 200) throw new Error(`declare ${put.statusCode}: ${put.body}`);
  if (put.json<{ complete: boolean }>().complete) return;
  const patch = await app.inject({
    method: 'PATCH',
    url: `/api/uploads/${file.sha256}`,
    headers: {
      'content-type': 'application/offset+octet-stream',
      'upload-offset': String(put.json<{ received: number }>().received),
    },
    payload: Buffer.from(file.bytes.subarray(put.json<{ received: number }>().received)),
  });
  if (patch.statusCode !== 200) throw new Error(`upload ${patch.statusCode}: ${patch.body}`);
}
