// Enrolment of this tablet as a kiosk: the administrator's device token is checked with the server
// (GET /api/auth/me, bearer) and kept, with the kiosk's office and the staff PIN's hash, in the
// kiosk's own IndexedDB; the server's sealing key is cached, so applications taken offline from the
// first day are sealed at "Kirim". Checking the staff PIN counts wrong attempts and locks after five.
import { SessionInfo } from '../../domain/accounts/account.ts';
import { refreshSealingKey } from '../outbox/sealing-key.ts';
import { type KioskDevice, kioskDatabase } from './kiosk-db.ts';
import { afterAttempt, hashPin, lockRemaining, NO_LOCK, verifyPin } from './pin.ts';

export type EnrolProblem = 'offline' | 'invalid-token' | 'not-kiosk' | 'server';

export class EnrolError extends Error {
  constructor(readonly problem: EnrolProblem) {
    super(`kiosk enrolment failed: ${problem}`);
  }
}

export async function kioskDevice(): Promise<KioskDevice | undefined> {
  return kioskDatabase().device.get('device');
}

/** Asks the server who the token belongs to; only a kiosk account with an office is accepted. */
export async function checkToken(
  token: string,
  fetcher: typeof fetch = fetch,
): Promise<{ accountId: string; name: string; officeId: string }> {
  let res: Response;
  try {
    res = await fetcher('/api/auth/me', {
      headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      cache: 'no-store',
    });
  } catch {
    throw new EnrolError('offline');
  }
  if (res.status === 401 || res.status === 403) throw new EnrolError('invalid-token');
  if (!res.ok) throw new EnrolError('server');
  const parsed = SessionInfo.safeParse(await res.json().catch(() => null));
  if (!parsed.success) throw new EnrolError('server');
  const { principal } = parsed.data;
  const officeId = principal.officeIds[0];
  if (principal.role !== 'kiosk' || !officeId) throw new EnrolError('not-kiosk');
  return { accountId: principal.accountId, name: principal.name, officeId };
}

export async function enrolKiosk(
  token: string,
  pin: string,
  options: { fetcher?: typeof fetch; iterations?: number } = {},
): Promise<KioskDevice> {
  const trimmed = token.trim();
  const who = await checkToken(trimmed, options.fetcher);
  // A kiosk that cannot seal cannot take an application: enrolment waits until the key is here.
  await refreshSealingKey(options.fetcher).catch((err: unknown) => {
    throw new EnrolError(err instanceof TypeError ? 'offline' : 'server');
  });
  const device: KioskDevice = {
    id: 'device',
    token: trimmed,
    ...who,
    pin: await hashPin(pin, options.iterations ? { iterations: options.iterations } : {}),
    lock: NO_LOCK,
    enrolledAt: Date.now(),
  };
  await kioskDatabase().device.put(device);
  return device;
}

export type PinCheck = { ok: true } | { ok: false; lockedMs: number; failures: number };

/** Checks the staff PIN; while locked, no PIN is even tried. */
export async function checkStaffPin(pin: string, now = Date.now()): Promise<PinCheck> {
  const db = kioskDatabase();
  const device = await db.device.get('device');
  if (!device) return { ok: false, lockedMs: 0, failures: 0 };
  const locked = lockRemaining(device.lock, now);
  if (locked > 0) return { ok: false, lockedMs: locked, failures: device.lock.failures };
  const ok = await verifyPin(pin, device.pin);
  const lock = afterAttempt(device.lock, ok, now);
  await db.device.update('device', { lock });
  return ok ? { ok: true } : { ok: false, lockedMs: lockRemaining(lock, now), failures: lock.failures };
}

/** "Keluar dari mode kios": forgets the token and the PIN (the caller has checked the PIN). */
export async function leaveKioskMode(): Promise<void> {
  await kioskDatabase().device.delete('device');
}
