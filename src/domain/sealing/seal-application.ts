// An application as a shared device seals it at "Kirim": each photo the record names in a box of its
// own (context 'file'), then the record with the list of those boxes (context 'record'). The device's
// outbox (data/outbox/seal.ts) stores the result; tests build boxes for the server with it.

import { sha256Hex, toBase64Url } from '../crypto/bytes.ts';
import type { SubmissionRecord } from '../submissions/submission.ts';
import { SealedContents, type SealedFile } from './api.ts';
import { type SealingKey, sealBox } from './sealed-box.ts';

/** A photo the record names cannot be read: nothing can be sealed without it. */
export class MissingPhotoError extends Error {
  constructor(readonly sha256: string) {
    super(`photo ${sha256} is not on this device`);
    this.name = 'MissingPhotoError';
  }
}

export type SealedApplication = {
  /** The record box, base64url, as POST /api/sealed takes it. */
  box: string;
  /** What the record box holds. */
  contents: SealedContents;
  /** Each photo's box with its bytes, each photo once. */
  files: Array<SealedFile & { bytes: Uint8Array<ArrayBuffer> }>;
};

/** Seals a record and every photo it names, reading the plain bytes through `read`. */
export async function sealApplication(
  key: SealingKey,
  record: SubmissionRecord,
  read: (sha256: string) => Promise<Uint8Array | undefined>,
): Promise<SealedApplication> {
  const refs = new Map(
    Object.values(record.attachments)
      .flat()
      .map((r) => [r.sha256, r] as const),
  );
  const files: SealedApplication['files'] = [];
  for (const ref of refs.values()) {
    const plain = await read(ref.sha256);
    if (!plain) throw new MissingPhotoError(ref.sha256);
    const bytes = await sealBox(key, plain, 'file');
    files.push({
      sha256: ref.sha256,
      type: ref.type,
      size: ref.size,
      sealed: await sha256Hex(bytes),
      sealedSize: bytes.length,
      bytes,
    });
  }
  const contents = SealedContents.parse({
    kind: 'application',
    record,
    files: files.map(({ bytes: _bytes, ...f }) => f),
  });
  const box = await sealBox(key, new TextEncoder().encode(JSON.stringify(contents)), 'record');
  return { box: toBase64Url(box), contents, files };
}
