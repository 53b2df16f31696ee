// The compression worker: runs the page-photo encoder off the main thread, so the form stays
// responsive while a 12 MP photo is decoded and re-encoded (about a second on a cheap phone).
import type { CompressReply, CompressRequest } from './compress-protocol.ts';
import { encodePagePhoto, NoCanvasError } from './encode.ts';
import { AttachmentError } from './errors.ts';

// The app's TypeScript project uses the DOM lib, where `self` is a Window: name only what is used here.
type WorkerScope = {
  onmessage: ((event: MessageEvent<CompressRequest>) => void) | null;
  postMessage(message: CompressReply): void;
};
const scope = self as unknown as WorkerScope;

scope.onmessage = async ({ data }) => {
  let reply: CompressReply;
  try {
    reply = { ok: true, result: await encodePagePhoto(data.blob) };
  } catch (error) {
    if (error instanceof NoCanvasError) reply = { ok: false, code: 'unsupported' };
    else if (error instanceof AttachmentError) reply = { ok: false, code: error.code };
    else reply = { ok: false, code: 'unreadable' };
  }
  scope.postMessage(reply);
};
