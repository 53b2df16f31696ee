// Keys of the field officer's export files: the server's long-term ECDH key pair (made once, on first
// use; its private key stays in the database and is never served) and the registered signing keys
// of field officers' devices (refused once revoked, or once the officer's account is disabled).

import {
  EcPublicJwk,
  exportPublicJwk,
  generateEcdhKeyPair,
  importServerPrivateKey,
  jwkThumbprint,
} from '../../domain/crypto/keys.ts';
import type { RegisteredDeviceKey } from '../../domain/field/api.ts';
import type { Database, Queryable } from '../storage/db.ts';

export type ServerExportKey = { keyId: string; publicKey: EcPublicJwk };

type ServerKeyRow = { id: string; public_jwk: unknown; private_jwk: JsonWebKey };

async function selectServerKey(q: Queryable): Promise<ServerKeyRow | undefined> {
  const [row] = await q.query<ServerKeyRow>('select id, public_jwk, private_jwk from field_export_keys limit 1');
  return row;
}

async function ensureServerKey(db: Database): Promise<ServerKeyRow> {
  const found = await selectServerKey(db);
  if (found) return found;
  const pair = await generateEcdhKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  const privateJwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  // `singleton` is unique: of two servers starting together, one row wins and both use it.
  await db.query(
    'insert into field_export_keys (id, public_jwk, private_jwk) values ($1, $2::jsonb, $3::jsonb) on conflict do nothing',
    [await jwkThumbprint(publicKey), JSON.stringify(publicKey), JSON.stringify(privateJwk)],
  );
  const row = await selectServerKey(db);
  if (!row) throw new Error('field export key vanished right after it was made');
  return row;
}

/** The public half, for devices to encrypt to. */
export async function serverExportKey(db: Database): Promise<ServerExportKey> {
  const row = await ensureServerKey(db);
  return { keyId: row.id, publicKey: EcPublicJwk.parse(row.public_jwk) };
}

/** The private half, for the import only. */
export async function serverDecryptionKey(db: Database): Promise<{ keyId: string; privateKey: CryptoKey }> {
  const row = await ensureServerKey(db);
  return { keyId: row.id, privateKey: await importServerPrivateKey(row.private_jwk) };
}

export type RegisterOutcome =
  | { kind: 'registered' | 'existing'; keyId: string }
  | { kind: 'taken' }
  | { kind: 'revoked' };

/** Registers a device's public signing key for a field officer's account; registering again is harmless. */
export async function registerDeviceKey(
  q: Queryable,
  accountId: string,
  publicKey: EcPublicJwk,
): Promise<RegisterOutcome> {
  const keyId = await jwkThumbprint(publicKey);
  const [inserted] = await q.query<{ key_id: string }>(
    `insert into field_device_keys (key_id, account_id, public_jwk) values ($1, $2, $3::jsonb)
     on conflict (key_id) do nothing returning key_id`,
    [keyId, accountId, JSON.stringify(publicKey)],
  );
  if (inserted) return { kind: 'registered', keyId };
  const [row] = await q.query<{ account_id: string; revoked_at: string | null }>(
    'select account_id, revoked_at from field_device_keys where key_id = $1',
    [keyId],
  );
  if (!row || row.account_id !== accountId) return { kind: 'taken' };
  if (row.revoked_at) return { kind: 'revoked' };
  return { kind: 'existing', keyId };
}

/** Revokes a key (only its own officer's, unless `accountId` is null for an administrator); false when there is none to revoke. */
export async function revokeDeviceKey(
  q: Queryable,
  keyId: string,
  accountId: string | null,
): Promise<{ accountId: string } | null> {
  const [row] = await q.query<{ account_id: string }>(
    `update field_device_keys set revoked_at = now()
     where key_id = $1 and revoked_at is null and ($2::uuid is null or account_id = $2::uuid)
     returning account_id::text`,
    [keyId, accountId],
  );
  return row ? { accountId: row.account_id } : null;
}

/** Registered keys, newest first: every officer's, or one account's. */
export async function listDeviceKeys(q: Queryable, accountId: string | null): Promise<RegisteredDeviceKey[]> {
  const rows = await q.query<{
    key_id: string;
    account_id: string;
    username: string | null;
    name: string;
    created_at: string;
    revoked_at: string | null;
    disabled_at: unknown;
    role: string;
  }>(
    `select k.key_id, k.account_id::text, a.username, a.name, k.created_at, k.revoked_at, a.disabled_at, a.role
     from field_device_keys k join accounts a on a.id = k.account_id
     where $1::uuid is null or k.account_id = $1::uuid
     order by k.created_at desc, k.key_id`,
    [accountId],
  );
  return rows.map((r) => ({
    keyId: r.key_id,
    accountId: r.account_id,
    username: r.username,
    name: r.name,
    registeredAt: r.created_at!,
    revokedAt: r.revoked_at,
    active: !r.revoked_at && !r.disabled_at && r.role === 'field-officer',
  }));
}

export type DeviceKeyLookup =
  | { kind: 'unknown' }
  | { kind: 'revoked'; accountId: string }
  | { kind: 'active'; accountId: string; publicKey: EcPublicJwk };

/** The registered key under this id, and whether it may still sign (key not revoked, account not disabled and still a field officer). */
export async function findDeviceKey(q: Queryable, keyId: string): Promise<DeviceKeyLookup> {
  const [row] = await q.query<{
    account_id: string;
    public_jwk: unknown;
    revoked_at: unknown;
    disabled_at: unknown;
    role: string;
  }>(
    `select k.account_id::text, k.public_jwk, k.revoked_at, a.disabled_at, a.role
     from field_device_keys k join accounts a on a.id = k.account_id where k.key_id = $1`,
    [keyId],
  );
  if (!row) return { kind: 'unknown' };
  if (row.revoked_at || row.disabled_at || row.role !== 'field-officer')
    return { kind: 'revoked', accountId: row.account_id };
  return { kind: 'active', accountId: row.account_id, publicKey: EcPublicJwk.parse(row.public_jwk) };
}
