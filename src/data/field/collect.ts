// The field officer's proof of collection (issue 7, field officer point 2): at "Kirim" the page signs
// the record's collection statement (src/domain/field/collection.ts) with the device's signing key,
// the non-extractable ECDSA P-256 key registered for the officer at sign-in (keys-db.ts, the same key
// that signs export files). The service worker that later delivers the record needs no credential.
import { signStatement } from '../../domain/field/collection.ts';
import type { CollectedBy } from '../../domain/submissions/submission.ts';
import { signingKey } from './keys-db.ts';

export class NoSigningKeyError extends Error {
  constructor() {
    super('This device has no field officer signing key: sign in online once.');
    this.name = 'NoSigningKeyError';
  }
}

/**
 * Signs a collection statement with the officer's device key. A key whose registration the server
 * has not confirmed yet still signs: the next online sign-in registers it, and until then the
 * server answers collectedBy.invalid and the application returns to the officer to send again.
 */
export async function signCollection(statement: Uint8Array<ArrayBuffer>): Promise<CollectedBy> {
  const key = await signingKey();
  if (!key) throw new NoSigningKeyError();
  return { keyId: key.keyId, signature: await signStatement(key.privateKey, statement) };
}
