// Bytes as text and back, for ids, content addresses, keys and sealed boxes: lowercase hex and
// base64url (RFC 4648 §5, no padding). Pure WebCrypto and built-ins: runs in the page, the service
// worker and Node 20.
import { z } from 'zod';

/** Text that is base64url (unpadded); the length is each schema's own. */
export const Base64Url = z.string().regex(/^[A-Za-z0-9_-]+$/, 'base64url');

/** Bytes as lowercase hex: content addresses, secrets and ids are written this way everywhere. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function fromHex(text: string): Uint8Array<ArrayBuffer> {
  return new Uint8Array((text.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)));
}

/** The SHA-256 of bytes as lowercase hex: how files are named (content addresses). */
export async function sha256Hex(bytes: BufferSource | Uint8Array): Promise<string> {
  // TypeScript types a Uint8Array over any buffer (Node's, possibly shared) apart from BufferSource;
  // digest reads the bytes either way.
  return toHex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
}

export function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const b64 = text.replaceAll('-', '+').replaceAll('_', '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function concat(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
