// The field officer's export keys on the device: a small Dexie database of its own
// (`nusalayan-field-keys`), apart from the outbox, holding the device's ECDSA P-256 signing key (the
// private key is a non-extractable CryptoKey: IndexedDB stores it, no code can read its bytes) and the
// office's public encryption key fetched at sign-in, so an export works after weeks offline.
import { Dexie, type EntityTable } from 'dexie';
import type { EcPublicJwk } from '../../domain/crypto/keys.ts';

export const FIELD_KEYS_DATABASE_NAME = 'nusalayan-field-keys';

export type SigningKeyRow = {
  id: 'signing';
  /** The field officer's account the key is registered for. */
  accountId: string;
  keyId: string;
  privateKey: CryptoKey;
  publicKey: EcPublicJwk;
  /** Device time the server confirmed the registration; absent until then (the next online sign-in retries). */
  registeredAt?: number;
};

export type ServerKeyRow = { id: 'server'; keyId: string; publicKey: EcPublicJwk; fetchedAt: number };

export type FieldKeysDatabase = Dexie & {
  signing: EntityTable<SigningKeyRow, 'id'>;
  office: EntityTable<ServerKeyRow, 'id'>;
};

let db: FieldKeysDatabase | undefined;

export function fieldKeysDatabase(): FieldKeysDatabase {
  if (!db) {
    const created = new Dexie(FIELD_KEYS_DATABASE_NAME) as FieldKeysDatabase;
    created.version(1).stores({ signing: 'id', office: 'id' });
    db = created;
  }
  return db;
}

export async function signingKey(): Promise<SigningKeyRow | undefined> {
  return fieldKeysDatabase().signing.get('signing');
}

export async function serverKey(): Promise<ServerKeyRow | undefined> {
  return fieldKeysDatabase().office.get('server');
}
