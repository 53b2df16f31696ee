// "No coverage for weeks": the field officer's queued applications as one encrypted, signed file
// (.nlx, src/domain/field/export-format.ts) for a USB stick or another device that gets online first;
// the office imports it (POST /api/office/imports). The applications were sealed to the office's key
// at "Kirim" (domain/sealing): the file carries the sealed boxes as the outbox holds them, since this
// device cannot read them any more. The outbox is only READ here: the entries stay queued and the
// device still delivers them when it reaches coverage — the server stores each application once
// whichever arrives first, under the same tracking number.
//
//   await prepareFieldExport({ token, accountId })   at the online sign-in: caches the office key,
//                                                    makes and registers this device's signing key
//   const { blob, fileName, count } = await exportQueuedFile()   any time after, offline too
//   await forgetFieldKeys()                          at sign-out (the officer's key leaves the device)

import { exportPublicJwk, generateSigningKeyPair, jwkThumbprint } from '../../domain/crypto/keys.ts';
import { DeviceKeyResponse, ExportKeyResponse } from '../../domain/field/api.ts';
import { EXPORT_MEDIA_TYPE, type ExportFile, exportFileName, sealExport } from '../../domain/field/export-format.ts';
import { SEALED_MEDIA_TYPE } from '../../domain/sealing/sealed-box.ts';
import { filesDatabase } from '../attachments/files-db.ts';
import { type AnyOutboxEntry, outboxDatabase, type SealedOutboxEntry } from '../outbox/outbox-db.ts';
import { fieldKeysDatabase, type SigningKeyRow, serverKey, signingKey } from './keys-db.ts';

export type FieldExportErrorCode =
  | 'not-prepared' // no office key or no registered signing key: sign in online once
  | 'nothing-queued'; // no application waits in the outbox

export class FieldExportError extends Error {
  constructor(readonly code: FieldExportErrorCode) {
    super(code === 'not-prepared' ? 'Sign in online once before exporting.' : 'No application is waiting to be sent.');
    this.name = 'FieldExportError';
  }
}

export type PrepareOptions = {
  /** The field officer's bearer token (POST /api/auth/token). */
  token: string;
  /** The signed-in field officer's account id. */
  accountId: string;
  fetch?: typeof fetch;
};

/**
 * Online, at sign-in: fetches the office key and makes sure this device has a signing key registered
 * for this officer. Another officer signing in on a shared tablet gets a key of their own; a key the
 * server refuses (revoked, or another account's) is replaced by a new one.
 */
export async function prepareFieldExport({
  token,
  accountId,
  fetch: fetchImpl = fetch,
}: PrepareOptions): Promise<{ keyId: string }> {
  const headers = { authorization: `Bearer ${token}` };
  const keyRes = await fetchImpl('/api/field/export-key', { headers });
  if (!keyRes.ok) throw new Error(`export key: HTTP ${keyRes.status}`);
  const office = ExportKeyResponse.parse(await keyRes.json());
  const db = fieldKeysDatabase();
  await db.office.put({ id: 'server', keyId: office.keyId, publicKey: office.publicKey, fetchedAt: Date.now() });

  let key = await signingKey();
  if (!key || key.accountId !== accountId) key = await newSigningKey(accountId);
  for (let attempt = 0; attempt < 2; attempt++) {
    const res = await fetchImpl('/api/field/device-keys', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ publicKey: key.publicKey }),
    });
    if (res.status === 409) {
      key = await newSigningKey(accountId);
      continue;
    }
    if (!res.ok) throw new Error(`device key: HTTP ${res.status}`);
    DeviceKeyResponse.parse(await res.json());
    await db.signing.update('signing', { registeredAt: Date.now() });
    return { keyId: key.keyId };
  }
  throw new Error('device key: refused twice');
}

async function newSigningKey(accountId: string): Promise<SigningKeyRow> {
  const pair = await generateSigningKeyPair();
  const publicKey = await exportPublicJwk(pair.publicKey);
  const row: SigningKeyRow = {
    id: 'signing',
    accountId,
    keyId: await jwkThumbprint(publicKey),
    privateKey: pair.privateKey,
    publicKey,
  };
  await fieldKeysDatabase().signing.put(row);
  return row;
}

/** At sign-out: the officer's signing key and the cached office key leave the device. */
export async function forgetFieldKeys(): Promise<void> {
  const db = fieldKeysDatabase();
  await db.transaction('rw', db.signing, db.office, async () => {
    await db.signing.clear();
    await db.office.clear();
  });
}

/** Whether an export can be made now (offline too): both keys are on the device and registered. */
export async function canExport(): Promise<boolean> {
  const [key, office] = await Promise.all([signingKey(), serverKey()]);
  return !!key?.registeredAt && !!office;
}

export type QueuedExport = { blob: Blob; fileName: string; count: number };

/** The officer's queued sealed applications, oldest first: another officer's left on a shared tablet stay out. */
export const officersQueued = (entries: readonly AnyOutboxEntry[], accountId: string): SealedOutboxEntry[] =>
  entries
    .filter(
      (e): e is SealedOutboxEntry =>
        e.state === 'queued' && e.kind === 'sealed' && e.channel === 'field' && e.collector === accountId,
    )
    .sort((a, b) => a.queuedAt - b.queuedAt);

/**
 * Builds the file of the signed-in officer's queued sealed applications, with the sealed photo boxes the server
 * does not yet hold (those the server confirmed for an entry, `uploaded`, are left out; the office
 * has them). A box no longer on the device is left out as well: its application answers
 * missing-attachments at the office, exactly as the device's own sync would.
 */
export async function exportQueuedFile(now = new Date()): Promise<QueuedExport> {
  const [key, office] = await Promise.all([signingKey(), serverKey()]);
  if (!key?.registeredAt || !office) throw new FieldExportError('not-prepared');
  const queued = officersQueued(
    await outboxDatabase().entries.where('state').equals('queued').toArray(),
    key.accountId,
  );
  if (queued.length === 0) throw new FieldExportError('nothing-queued');

  const files: ExportFile[] = [];
  const seen = new Set<string>();
  for (const entry of queued) {
    const onServer = new Set(entry.uploaded);
    for (const { sha256 } of entry.files) {
      if (seen.has(sha256) || onServer.has(sha256)) continue;
      seen.add(sha256);
      const stored = await filesDatabase().files.get(sha256);
      // Only sealed boxes travel: a readable photo under this name would put it on the USB stick.
      if (stored?.type !== SEALED_MEDIA_TYPE) continue;
      const bytes = new Uint8Array(await stored.blob.arrayBuffer());
      files.push({ sha256, size: bytes.length, bytes });
    }
  }
  const sealed = await sealExport({
    contents: { officerAccountId: key.accountId, entries: queued.map((e) => ({ id: e.id, box: e.box })), files },
    signer: { keyId: key.keyId, privateKey: key.privateKey },
    server: { keyId: office.keyId, publicKey: office.publicKey },
    now,
  });
  return {
    blob: new Blob([sealed], { type: EXPORT_MEDIA_TYPE }),
    fileName: exportFileName(now, queued.length),
    count: queued.length,
  };
}

/** The file of the queued applications (see exportQueuedFile for its name and count). */
export async function exportQueued(): Promise<Blob> {
  return (await exportQueuedFile()).blob;
}
