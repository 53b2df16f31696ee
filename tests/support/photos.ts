// Document photos as a device sends them (bytes that start like a JPEG, named by their SHA-256) and
// their upload through the real routes: declare, then the bytes in chunks from the acknowledged offset.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { AttachmentRef } from '../../src/domain/drafts/draft.ts';
import { CHUNK_CONTENT_TYPE, MAX_CHUNK_BYTES, OFFSET_HEADER, UploadState } from '../../src/domain/uploads.ts';

export type Photo = { bytes: Buffer; ref: AttachmentRef };

/** A photo of `size` bytes (JPEG's SOI and APP0 markers, then random bytes). */
export function jpegPhoto(name: string, size = 300 * 1024): Photo {
  const bytes = randomBytes(size);
  bytes.set([0xff, 0xd8, 0xff, 0xe0]);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { bytes, ref: { sha256, type: 'image/jpeg', size, name } };
}

/** Declares and sends the photo in chunks of up to MAX_CHUNK_BYTES; returns its final state. */
export async function uploadPhoto(
  app: FastifyInstance,
  photo: Photo,
  opts: { remoteAddress?: string } = {},
): Promise<UploadState> {
  const url = `/api/uploads/${photo.ref.sha256}`;
  const put = await app.inject({
    method: 'PUT',
    url,
    payload: { type: photo.ref.type, size: photo.ref.size },
    ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
  });
  if (put.statusCode !== 200) throw new Error(`PUT ${put.statusCode}: ${put.body}`);
  let state = UploadState.parse(put.json());
  while (!state.complete) {
    const patch = await app.inject({
      method: 'PATCH',
      url,
      headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: String(state.received) },
      payload: photo.bytes.subarray(state.received, state.received + MAX_CHUNK_BYTES),
      ...(opts.remoteAddress ? { remoteAddress: opts.remoteAddress } : {}),
    });
    if (patch.statusCode !== 200) throw new Error(`PATCH ${patch.statusCode}: ${patch.body}`);
    state = UploadState.parse(patch.json());
  }
  return state;
}
