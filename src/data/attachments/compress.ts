// Turns a picked image into a page photo (JPEG within the byte budget) and a thumbnail, in a Web
// Worker where the browser can draw there, otherwise on the main thread with the same encoder.

import type { CompressReply, CompressRequest } from './compress-protocol.ts';
import { type EncodedPhoto, encodePagePhoto, NoCanvasError } from './encode.ts';
import { AttachmentError } from './errors.ts';

export type CompressedImage = EncodedPhoto & {
  /** Wall time of the whole compression, worker start included. */
  ms: number;
  where: 'worker' | 'main';
};

export async function compressImage(blob: Blob): Promise<CompressedImage> {
  const started = performance.now();
  const inWorker = canCompressInWorker() ? await compressInWorker(blob) : undefined;
  const encoded = inWorker ?? (await compressOnMainThread(blob));
  return { ...encoded, ms: Math.round(performance.now() - started), where: inWorker ? 'worker' : 'main' };
}

function canCompressInWorker(): boolean {
  return typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined';
}

/** Resolves undefined when the worker cannot do the job (failed to start, cannot draw): the caller falls back. */
function compressInWorker(blob: Blob): Promise<EncodedPhoto | undefined> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./compress.worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(undefined);
      return;
    }
    // One worker per image: it is ended right after, so a cheap phone gets the decoded pixels' memory back.
    const settle = (action: () => void) => {
      worker.terminate();
      action();
    };
    worker.onmessage = ({ data }: MessageEvent<CompressReply>) =>
      settle(() => {
        if (data.ok) resolve(data.result);
        else if (data.code === 'unsupported') resolve(undefined);
        else reject(new AttachmentError(data.code));
      });
    worker.onerror = (event) => {
      event.preventDefault();
      settle(() => resolve(undefined));
    };
    worker.onmessageerror = () => settle(() => resolve(undefined));
    worker.postMessage({ blob } satisfies CompressRequest);
  });
}

async function compressOnMainThread(blob: Blob): Promise<EncodedPhoto> {
  try {
    return await encodePagePhoto(blob);
  } catch (error) {
    if (error instanceof NoCanvasError) throw new AttachmentError('unreadable', {}, { cause: error });
    throw error;
  }
}
