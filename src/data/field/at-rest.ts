// Which key the device's own stores seal personal data with at rest (issue 7, field officer point 3).
// While a field officer is signed in on this tablet, the drafts (drafts/sealing.ts) and the photos
// and files (attachments/at-rest.ts) are written only as ciphertext under the officer's data key —
// the key that also seals the residents list, held in memory only while the app is unlocked. A
// device without a field officer (a resident's phone, a village kiosk) writes them plain, as before.
//
// officer.ts says what holds (sign-in and unlock give the key; the lock screen and five wrong PINs
// take it; the wipe leaves no officer). A page that has not been told yet looks once whether an
// officer row exists: then it is locked until the PIN is entered.
import { fieldDatabase, fieldDatabaseExists } from './field-db.ts';
import { FieldLockedError } from './locked-error.ts';

export { FieldLockedError };

export type AtRest = { key: CryptoKey } | 'locked' | 'plain';

let state: AtRest | undefined;

// Another tab signing an officer in or out changes what this one must do: one that had decided (no
// key of its own) decides again at its next write. The key itself never leaves its page.
const tabs = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('nusalayan-at-rest');
if (tabs)
  tabs.onmessage = () => {
    if (typeof state !== 'object') state = undefined;
  };

export function setAtRest(next: AtRest): void {
  const changed = typeof next !== typeof state || (typeof next === 'string' && next !== state);
  state = next;
  if (changed) tabs?.postMessage('changed');
}

async function officerOnDevice(): Promise<boolean> {
  return (await fieldDatabaseExists()) && (await fieldDatabase().officer.count()) > 0;
}

/**
 * The key a new write is sealed with; null on a device without a field officer (written plain).
 * Throws FieldLockedError while an officer is signed in but the PIN has not opened the key: writing
 * plain then would leave exactly the data the key is meant to hide.
 */
export async function sealingKey(): Promise<CryptoKey | null> {
  if (state === undefined) {
    const here = await officerOnDevice();
    // Set meanwhile by a sign-in or unlock: that is newer than what was just read.
    state ??= here ? 'locked' : 'plain';
  }
  if (state === 'plain') return null;
  if (state === 'locked') throw new FieldLockedError();
  return state.key;
}

/**
 * Whether this device keeps personal data plain (no field officer signed in). A screen that keeps its
 * unsent form in web storage (the complaint form) does so only then: on an officer's tablet it would
 * be the one readable thing left.
 */
export async function storesPlain(): Promise<boolean> {
  try {
    return (await sealingKey()) === null;
  } catch {
    return false;
  }
}

/** The key sealed data opens with; null while locked (a reload, the lock screen) or without an officer. */
export const openingKey = (): CryptoKey | null => (typeof state === 'object' ? state.key : null);

/**
 * The key a new write is sealed with when that is already decided, without a wait: null on a device
 * without a field officer, the key while unlocked; undefined while undecided or locked (ask sealingKey).
 */
export const sealingKeyNow = (): CryptoKey | null | undefined =>
  state === 'plain' ? null : typeof state === 'object' ? state.key : undefined;

/** The opening key, or FieldLockedError for a reader that cannot go on without it. */
export function requireOpeningKey(): CryptoKey {
  const key = openingKey();
  if (!key) throw new FieldLockedError();
  return key;
}
