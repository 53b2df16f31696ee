// This device's key: made once, kept on the device. Submissions carry its SHA-256; the device shows
// the key to pull the office's updates of its own applications. Stored in the outbox database so the
// service worker, which has no localStorage, could use it too.
import { toHex } from '../../domain/crypto/bytes.ts';
import { outboxDatabase } from './outbox-db.ts';

const KEY_ID = 'device-key';

/** `n` random bytes as lowercase hex: keys and secrets. */
export const randomHex = (n = 32): string => toHex(crypto.getRandomValues(new Uint8Array(n)));

export async function deviceKey(create = true): Promise<string | undefined> {
  const db = outboxDatabase();
  return db.transaction('rw', db.meta, async () => {
    const existing = await db.meta.get(KEY_ID);
    if (existing || !create) return existing?.value;
    const value = randomHex();
    await db.meta.put({ id: KEY_ID, value });
    return value;
  });
}
