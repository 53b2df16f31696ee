// Sends a stored photo or file to the server in chunks, resuming from the offset the server
// acknowledged — after a dropped connection only the missing bytes travel again.
import { CHUNK_CONTENT_TYPE, MAX_CHUNK_BYTES, OFFSET_HEADER, UploadState } from '../../domain/uploads.ts';
import { filesDatabase } from '../attachments/files-db.ts';

/**
 * The largest chunk the server takes: a page photo (≤ 300 KB) goes in one request, and each request
 * costs a round trip (700 ms on a satellite link). A drop costs nothing already across: the server
 * keeps the bytes of a cut chunk, and the next attempt resumes from the last one that arrived.
 */
export const CHUNK_BYTES = MAX_CHUNK_BYTES;

/**
 * A request that gets no answer within this time is given up (and retried later): a link that
 * stalls silently must not hold the drain — and its lock — forever. Generous for a 1 MB chunk or a
 * batch of records at 2 Mbit/s with a 700 ms round trip.
 */
export const REQUEST_TIMEOUT_MS = 60_000;
export const timeout = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);

export class HttpError extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function state(res: Response): Promise<UploadState> {
  if (!res.ok) throw new HttpError(res.status);
  return UploadState.parse(await res.json());
}

/**
 * A photo a queued record names is not in this device's file store: no try can send the record as
 * it is (file GC counts references, so only a bug or a hand in the storage removes one).
 */
export class MissingFileError extends Error {
  constructor(readonly sha256: string) {
    super(`file ${sha256} is missing on this device`);
    this.name = 'MissingFileError';
  }
}

/** Makes sure the server holds the complete file; returns the bytes sent by this call. */
export async function uploadFile(sha256: string, onProgress?: (sent: number, total: number) => void): Promise<number> {
  const file = await filesDatabase().files.get(sha256);
  if (!file) throw new MissingFileError(sha256);
  return uploadBlob(sha256, file, onProgress);
}

/** The same for bytes the caller holds (the office's issued document): `sha256` must be theirs. */
export async function uploadBlob(
  sha256: string,
  file: { type: string; size: number; blob: Blob },
  onProgress?: (sent: number, total: number) => void,
): Promise<number> {
  const url = `/api/uploads/${sha256}`;
  let current = await state(
    await fetch(url, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: file.type, size: file.size }),
      signal: timeout(),
    }),
  );
  let sent = 0;
  while (!current.complete) {
    const chunk = file.blob.slice(current.received, Math.min(current.size, current.received + CHUNK_BYTES));
    const res = await fetch(url, {
      method: 'PATCH',
      headers: { 'content-type': CHUNK_CONTENT_TYPE, [OFFSET_HEADER]: String(current.received) },
      body: chunk,
      signal: timeout(),
    });
    if (res.status === 409) {
      // Someone else (another tab, the service worker) moved the offset: continue from the server's.
      current = await state(await fetch(url, { signal: timeout() }));
      continue;
    }
    current = await state(res);
    sent += chunk.size;
    onProgress?.(current.received, current.size);
  }
  return sent;
}
