// The kiosk's staff PIN: PBKDF2-SHA-256 through WebCrypto with a random salt (only the hash and the
// salt are stored), compared in constant time; five wrong PINs lock the staff panel for five minutes.
// Pure pieces (lockout arithmetic) are separate from the storage so they are unit-testable.
import { fromHex, toHex } from '../../domain/crypto/bytes.ts';

export const PIN_ITERATIONS = 210_000;
export const MAX_PIN_FAILURES = 5;
export const PIN_LOCK_MS = 5 * 60_000;
export const PIN_PATTERN = /^[0-9]{4,8}$/;

export type PinHash = { algorithm: 'PBKDF2-SHA-256'; iterations: number; salt: string; hash: string };
export type PinLock = { failures: number; lockedUntil: number };
export const NO_LOCK: PinLock = { failures: 0, lockedUntil: 0 };

export const isValidPin = (pin: string): boolean => PIN_PATTERN.test(pin);

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<string> {
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return toHex(bits);
}

export async function hashPin(
  pin: string,
  options: { iterations?: number; salt?: Uint8Array<ArrayBuffer> } = {},
): Promise<PinHash> {
  if (!isValidPin(pin)) throw new Error('a PIN is 4 to 8 digits');
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const iterations = options.iterations ?? PIN_ITERATIONS;
  return { algorithm: 'PBKDF2-SHA-256', iterations, salt: toHex(salt), hash: await derive(pin, salt, iterations) };
}

export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  const actual = await derive(pin, fromHex(stored.salt), stored.iterations);
  if (actual.length !== stored.hash.length) return false;
  let diff = 0;
  for (let i = 0; i < actual.length; i++) diff |= actual.charCodeAt(i) ^ stored.hash.charCodeAt(i);
  return diff === 0;
}

/** Milliseconds the panel stays locked from `now` (0 when open). */
export const lockRemaining = (lock: PinLock, now: number): number => Math.max(0, lock.lockedUntil - now);

/** The lock after one attempt: a right PIN clears it, the fifth wrong one in a row locks for five minutes. */
export function afterAttempt(lock: PinLock, ok: boolean, now: number): PinLock {
  if (ok) return NO_LOCK;
  // A lock that has run out starts a fresh count.
  const failures = (lock.lockedUntil && lock.lockedUntil <= now ? 0 : lock.failures) + 1;
  return failures >= MAX_PIN_FAILURES ? { failures: 0, lockedUntil: now + PIN_LOCK_MS } : { failures, lockedUntil: 0 };
}
