// The field officer on this tablet: online sign-in (POST /api/auth/token), the PIN that wraps the
// data key, offline unlock until signedInAt + pinValidityDays, the lock after five wrong PINs, the
// account check at the next online moment (GET /api/auth/me → 401: revoked) and the sign-out wipe.
// The unlocked data key and the token live only in this module's memory: a reload asks for the PIN.
//
// The data key also seals the officer's drafts and photos at rest (at-rest.ts): this module hands it
// over at sign-in and unlock and takes it back at the lock screen, five wrong PINs and the wipe.
//
// Five wrong PINs delete the wrapped key, the sealed token and the sealed residents list, and with
// them the drafts and photos sealed under the key: nothing of the officer's can be read any more, and
// only an online sign-in opens the app. Queued outbox entries are untouched — they are sealed to the
// office server (not under the officer's key) and are still delivered by the service worker or the
// page as before.
import { SessionInfo, TokenResponse } from '../../domain/accounts/account.ts';
import { removeSealedAtRest, removeUnreferenced } from '../attachments/store.ts';
import { openDatabase } from '../database.ts';
import { forgetDrafts } from '../drafts/drafts.ts';
import { discardSealedJournal } from '../drafts/journal.ts';
import { plainDrafts, removeSealedDrafts, storedDrafts } from '../drafts/sealing.ts';
import { photosToKeep } from '../kiosk/session.ts';
import { removeDelivered } from '../outbox/delivered.ts';
import { outboxDatabase } from '../outbox/outbox-db.ts';
import { setAtRest } from './at-rest.ts';
import { forgetFieldKeys, prepareFieldExport } from './export.ts';
import { deleteFieldDatabase, fieldDatabase, fieldDatabaseExists, type OfficerRow } from './field-db.ts';
import {
  afterWrongPin,
  generateDataKey,
  MAX_FIELD_PIN_FAILURES,
  pinExpired,
  seal,
  unseal,
  unwrapDataKey,
  type WrappedKey,
  wrapDataKey,
} from './vault.ts';

export type Unlocked = { key: CryptoKey; accountId: string; name: string; token: string };
export type FieldStatus = 'none' | 'locked' | 'expired' | 'pin' | 'unlocked';
/** Why the officer's data just left the device (shown once on the sign-in screen). */
export type WipeReason = 'signed-out' | 'revoked';

let current: Unlocked | null = null;
let lastWipe: WipeReason | null = null;
const listeners = new Set<() => void>();
const notify = () => {
  for (const l of listeners) l();
};

export const unlocked = (): Unlocked | null => current;
export function onFieldChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
/** Why the officer's data last left the device in this page's life (until the next sign-in). */
export function lastWipeReason(): WipeReason | null {
  return lastWipe;
}

export async function officerRow(): Promise<OfficerRow | undefined> {
  if (!(await fieldDatabaseExists())) return undefined;
  return fieldDatabase().officer.get('officer');
}

export async function fieldStatus(now = Date.now()): Promise<FieldStatus> {
  const row = await officerRow();
  if (!row) return 'none';
  if (!row.wrappedKey) return 'locked';
  if (pinExpired(row, now)) return 'expired';
  return current && current.accountId === row.accountId ? 'unlocked' : 'pin';
}

export type SignInProblem = 'offline' | 'invalid' | 'not-field' | 'blocked' | 'server';
export class SignInError extends Error {
  constructor(readonly problem: SignInProblem) {
    super(`field sign-in failed: ${problem}`);
  }
}

/** An online sign-in waiting for its PIN (held in memory only). */
export type PendingSignIn = TokenResponse & { signedInAt: number };

export async function signInOnline(
  username: string,
  password: string,
  fetcher: typeof fetch = fetch,
): Promise<PendingSignIn> {
  let res: Response;
  try {
    res = await fetcher('/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
      cache: 'no-store',
    });
  } catch {
    throw new SignInError('offline');
  }
  if (res.status === 401 || res.status === 400) throw new SignInError('invalid');
  if (res.status === 403) throw new SignInError('not-field');
  if (res.status === 429) throw new SignInError('blocked');
  if (!res.ok) throw new SignInError('server');
  const parsed = TokenResponse.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new SignInError('server');
  return { ...parsed.data, signedInAt: Date.now() };
}

/**
 * Sets the PIN after an online sign-in. The same officer signing in again keeps the data key (and
 * so the residents list) when the PIN unwraps the key still stored; otherwise a new key is made and
 * the unreadable rest is dropped. Another officer's data leaves the device first.
 */
export async function completeSignIn(
  pending: PendingSignIn,
  pin: string,
  options: { iterations?: number; fetcher?: typeof fetch } = {},
): Promise<Unlocked> {
  const accountId = pending.principal.accountId;
  let row = await officerRow();
  if (row && row.accountId !== accountId) {
    await wipeOfficerData();
    row = undefined;
  }
  const db = fieldDatabase();
  let key = row?.wrappedKey ? await unwrapDataKey(row.wrappedKey, pin) : null;
  let wrappedKey: WrappedKey;
  if (key) {
    wrappedKey = row!.wrappedKey!;
  } else {
    await db.residents.clear();
    await dropSealedData();
    const fresh = await generateDataKey();
    wrappedKey = await wrapDataKey(fresh, pin, options);
    key = (await unwrapDataKey(wrappedKey, pin))!; // the non-extractable copy
  }
  const secret = await seal(key, { token: pending.token, name: pending.principal.name });
  await db.officer.put({
    id: 'officer',
    accountId,
    pinValidityDays: pending.pinValidityDays,
    signedInAt: pending.signedInAt,
    failures: 0,
    wrappedKey,
    secret,
  });
  current = { key, accountId, name: pending.principal.name, token: pending.token };
  setAtRest({ key });
  lastWipe = null;
  notify();
  try {
    await prepareFieldExport({
      token: pending.token,
      accountId,
      ...(options.fetcher ? { fetch: options.fetcher } : {}),
    });
  } catch {
    // Offline again or the server refused: exporting stays unavailable until the next sign-in.
  }
  return current;
}

export type UnlockResult =
  | { ok: true }
  | { ok: false; reason: 'wrong'; left: number }
  | { ok: false; reason: 'locked' | 'expired' | 'none' };

export async function unlock(pin: string, now = Date.now()): Promise<UnlockResult> {
  const row = await officerRow();
  if (!row) return { ok: false, reason: 'none' };
  const db = fieldDatabase();
  if (!row.wrappedKey) return { ok: false, reason: 'locked' };
  if (pinExpired(row, now)) return { ok: false, reason: 'expired' };
  const key = await unwrapDataKey(row.wrappedKey, pin);
  if (!key) {
    const next = afterWrongPin(row.failures);
    if (next.locked) {
      await lockOfficerData();
      return { ok: false, reason: 'locked' };
    }
    await db.officer.update('officer', { failures: next.failures });
    return { ok: false, reason: 'wrong', left: MAX_FIELD_PIN_FAILURES - next.failures };
  }
  const { token, name } = await unseal<{ token: string; name: string }>(key, row.secret!);
  if (row.failures) await db.officer.update('officer', { failures: 0 });
  current = { key, accountId: row.accountId, name, token };
  setAtRest({ key });
  notify();
  return { ok: true };
}

/** Five wrong PINs: the key, the token, the residents list and what the key sealed go. */
async function lockOfficerData(): Promise<void> {
  setAtRest('locked');
  const db = fieldDatabase();
  const row = await db.officer.get('officer');
  if (row) {
    const { wrappedKey: _key, secret: _secret, ...rest } = row;
    await db.officer.put({ ...rest, failures: 0 });
  }
  await db.residents.clear();
  await dropSealedData();
  current = null;
  notify();
}

/**
 * The officer's drafts (those started here, and every draft sealed under a key) and the photos sealed
 * at rest: for a data key that is gone, when nothing can read them again. Needs no key.
 */
async function dropSealedData(): Promise<void> {
  const db = fieldDatabase();
  const ids = (await db.drafts.toArray()).map((d) => d.draftId);
  await forgetDrafts(ids);
  await discardSealedJournal();
  await removeSealedDrafts((await openDatabase()).drafts, ids);
  await db.drafts.clear();
  await removeSealedAtRest();
}

/** Forgets the unlocked key (the screen asks for the PIN again); nothing is deleted. */
export function lockScreen(): void {
  current = null;
  setAtRest('locked');
  notify();
}

/**
 * Online: asks the server whether the officer's token still works. 401 (revoked, disabled or
 * expired) removes the officer's data from the device. Network trouble changes nothing.
 */
export async function checkAccount(fetcher: typeof fetch = fetch): Promise<'ok' | 'revoked' | 'unknown'> {
  const me = current;
  if (!me) return 'unknown';
  let res: Response;
  try {
    res = await fetcher('/api/auth/me', {
      headers: { authorization: `Bearer ${me.token}`, accept: 'application/json' },
      cache: 'no-store',
    });
  } catch {
    return 'unknown';
  }
  if (res.status === 401) {
    await wipeOfficerData('revoked');
    return 'revoked';
  }
  if (!res.ok) return 'unknown';
  const who = SessionInfo.safeParse(await res.json().catch(() => null));
  return who.success && who.data.principal.accountId === me.accountId ? 'ok' : 'unknown';
}

/** Sign-out: the server forgets the token (when reachable), the device forgets the officer. */
export async function signOut(fetcher: typeof fetch = fetch): Promise<void> {
  const token = current?.token;
  if (token) {
    try {
      const ctrl = new AbortController();
      const timer = setTimeout(() => ctrl.abort(), 5000);
      await fetcher('/api/auth/token', {
        method: 'DELETE',
        headers: { authorization: `Bearer ${token}` },
        signal: ctrl.signal,
      }).finally(() => clearTimeout(timer));
    } catch {
      // Offline: the token expires on its own; the device data goes now regardless.
    }
  }
  await wipeOfficerData('signed-out');
}

/**
 * Removes the officer's data from the device: the drafts started here and every draft sealed under
 * the key (and RxDB's tombstones of them), the photos no remaining draft or queued outbox entry needs
 * and every photo sealed at rest, delivered field entries (and their sealed boxes), the export keys and
 * the whole `nusalayan-field` database. Queued entries stay and are delivered.
 */
export async function wipeOfficerData(reason: WipeReason = 'signed-out'): Promise<void> {
  current = null; // nothing reads the residents from here on
  setAtRest('locked'); // nor writes anything under the key
  const ids = (await fieldDatabaseExists()) ? (await fieldDatabase().drafts.toArray()).map((d) => d.draftId) : [];
  await forgetDrafts(ids);
  await discardSealedJournal();
  const rx = await openDatabase();
  await removeSealedDrafts(rx.drafts, ids);
  await rx.drafts.storageInstance.cleanup(-60_000);
  await removeDelivered('field');
  // Read as stored: no key is needed for what is left, and RxDB's cached queries are not trusted here.
  const remaining = plainDrafts(await storedDrafts(rx.drafts));
  await removeUnreferenced(photosToKeep(remaining, await outboxDatabase().entries.toArray()), { graceMs: 0 });
  await removeSealedAtRest();
  await forgetFieldKeys();
  await deleteFieldDatabase();
  setAtRest('plain');
  current = null;
  lastWipe = reason;
  notify();
}
