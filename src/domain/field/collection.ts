// Who collected a field application (issue 7, field officer point 2): the officer's device signs,
// at "Kirim", a canonical byte string of the record's identity and content with its registered
// ECDSA P-256 key (the same key that signs export files, export-format.ts). The service worker that
// delivers the record holds no officer credential, so the officer's id is proven by this signature,
// checked by the server against the registered key, never by a token. Pure WebCrypto, no DOM or node:.
//
// The statement is UTF-8 JSON with object keys sorted at every depth and absent members left out,
// so the device and the server derive the same bytes from the same record whatever the key order of
// the JSON that carried it. It covers everything a correction could change; `collectedBy` itself is
// not part of it.

import { fromBase64Url, toBase64Url } from '../crypto/bytes.ts';
import { type EcPublicJwk, importVerifyKey, SIGNATURE_ALG } from '../crypto/keys.ts';
import type { SubmissionRecord } from '../submissions/submission.ts';

/** Names what is signed, so a collection signature can never pass for another message of the same key. */
export const COLLECTION_CONTEXT = 'nusa-layan-collection v1';

const utf8 = new TextEncoder();

/** JSON with sorted object keys and undefined members dropped (arrays keep their order). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (value === undefined) throw new Error('undefined has no canonical JSON');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type CollectedRecord = Omit<SubmissionRecord, 'consent' | 'collectedBy'> & {
  consent?: true;
  collectedBy?: unknown;
};

/** The bytes the officer's device signs for a record (and the server verifies). */
export function collectionStatement(record: CollectedRecord): Uint8Array<ArrayBuffer> {
  const attachments: Record<string, string[]> = {};
  for (const [field, refs] of Object.entries(record.attachments))
    attachments[field] = refs.map((r) => r.sha256.toLowerCase());
  return utf8.encode(
    canonicalJson({
      context: COLLECTION_CONTEXT,
      id: record.id.toLowerCase(),
      serviceId: record.serviceId,
      formVersion: record.formVersion,
      channel: record.channel,
      applicant: record.applicant,
      answers: record.answers,
      attachments,
      secretHash: record.secretHash.toLowerCase(),
      deviceKeyHash: record.deviceKeyHash?.toLowerCase(),
      officeId: record.officeId,
    }),
  );
}

/** Signs a statement with a (non-extractable) ECDSA P-256 private key: base64url of the 64-byte r‖s. */
export async function signStatement(privateKey: CryptoKey, statement: Uint8Array<ArrayBuffer>): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.sign(SIGNATURE_ALG, privateKey, statement)));
}

/** Whether `signature` (base64url) is the key's signature over the record's statement. */
export async function verifyCollection(
  record: CollectedRecord,
  signature: string,
  publicKey: EcPublicJwk,
): Promise<boolean> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = fromBase64Url(signature);
  } catch {
    return false;
  }
  if (bytes.length !== 64) return false;
  return crypto.subtle.verify(SIGNATURE_ALG, await importVerifyKey(publicKey), bytes, collectionStatement(record));
}
