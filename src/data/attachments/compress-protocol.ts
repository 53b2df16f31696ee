// Messages between the page and the compression worker (one request, one reply, then the worker ends).

import type { EncodedPhoto } from './encode.ts';
import type { AttachmentErrorCode } from './errors.ts';

export type CompressRequest = { blob: Blob };

export type CompressReply =
  | { ok: true; result: EncodedPhoto }
  /** 'unsupported': this worker cannot draw; the page compresses on the main thread instead. */
  | { ok: false; code: AttachmentErrorCode | 'unsupported' };
