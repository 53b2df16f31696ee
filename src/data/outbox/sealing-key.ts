// The office server's sealing key (GET /api/sealing-key), cached on the device: a kiosk or field
// tablet seals at "Kirim" while offline for days, so the key must already be here. Kept in the
// outbox database's `meta` table beside the device key; it is public, so nothing about it is secret.
import { SealingKeyResponse } from '../../domain/sealing/api.ts';
import type { SealingKey } from '../../domain/sealing/sealed-box.ts';
import { outboxDatabase } from './outbox-db.ts';

const KEY_ID = 'sealing-key';

/** No sealing key on the device: the tablet must be online once (enrolment, sign-in) before "Kirim". */
export class NoSealingKeyError extends Error {
  constructor() {
    super('No sealing key on this device: connect it to the internet once.');
    this.name = 'NoSealingKeyError';
  }
}

export async function cachedSealingKey(): Promise<SealingKey | undefined> {
  const row = await outboxDatabase().meta.get(KEY_ID);
  if (!row) return undefined;
  // A value written by another version of the app that no longer parses is as good as none.
  try {
    const parsed = SealingKeyResponse.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Fetches the server's current key and caches it; a rotated key replaces the old one. */
export async function refreshSealingKey(fetcher: typeof fetch = fetch): Promise<SealingKey> {
  const res = await fetcher('/api/sealing-key', { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`sealing key: HTTP ${res.status}`);
  const key = SealingKeyResponse.parse(await res.json());
  await outboxDatabase().meta.put({ id: KEY_ID, value: JSON.stringify(key) });
  return key;
}

/** The key to seal to now: the cached one, else (online) a fresh one; never guessed. */
export async function currentSealingKey(): Promise<SealingKey> {
  const cached = await cachedSealingKey();
  if (cached) return cached;
  if (typeof navigator !== 'undefined' && navigator.onLine) {
    const fetched = await refreshSealingKey().catch(() => undefined);
    if (fetched) return fetched;
  }
  throw new NoSealingKeyError();
}
