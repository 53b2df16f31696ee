// Content addresses and other hashes on the device: attachments are named by the SHA-256 of their
// bytes, so the same photo is stored and uploaded once and the server can verify what it received;
// secrets and the device key travel only as their SHA-256.
import { sha256Hex as sha256HexOfBytes } from '../../domain/crypto/bytes.ts';

/** SHA-256 of a file's bytes, or of a text's UTF-8 bytes, as lowercase hex. */
export async function sha256Hex(input: Blob | string): Promise<string> {
  return sha256HexOfBytes(typeof input === 'string' ? new TextEncoder().encode(input) : await input.arrayBuffer());
}
