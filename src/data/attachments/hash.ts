// Content addresses and other hashes on the device: attachments are named by the SHA-256 of their
// bytes, so the same photo is stored and uploaded once and the server can verify what it received;
// secrets and the device key travel only as their SHA-256.
import { toHex } from '../../domain/ids/hex.ts';

export { toHex };

/** SHA-256 of a file's bytes, or of a text's UTF-8 bytes, as lowercase hex. */
export async function sha256Hex(input: Blob | string): Promise<string> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : await input.arrayBuffer();
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}
