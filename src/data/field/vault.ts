// The field officer's data key and what it protects (issue 7, field officer point 3): a random
// AES-GCM 256 key made on the device, kept only wrapped by a key derived from the officer's PIN
// (PBKDF2-SHA-256, 210 000 iterations, random salt). A wrong PIN fails the unwrap (AES-GCM's tag),
// so no PIN hash is stored at all. Sealed values are JSON encrypted under the data key, each with a
// fresh 96-bit IV. Pure WebCrypto: runs in the page and in Node (unit tests).
import { DAY_MS } from '../../domain/time/wib.ts';

export const FIELD_PIN_ITERATIONS = 210_000;
export const FIELD_PIN_PATTERN = /^[0-9]{6,12}$/;
export const MAX_FIELD_PIN_FAILURES = 5;

export type WrappedKey = {
  algorithm: 'PBKDF2-SHA-256/AES-GCM';
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  wrapped: Uint8Array<ArrayBuffer>;
};
export type Sealed = { iv: Uint8Array<ArrayBuffer>; data: Uint8Array<ArrayBuffer> };

export const isValidFieldPin = (pin: string): boolean => FIELD_PIN_PATTERN.test(pin);

const random = (n: number): Uint8Array<ArrayBuffer> => crypto.getRandomValues(new Uint8Array(n));

async function pinKey(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
  const base = await crypto.subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

/** A fresh data key (extractable only so it can be wrapped; an unwrapped one is not extractable). */
export function generateDataKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, [
    'encrypt',
    'decrypt',
  ]) as Promise<CryptoKey>;
}

export async function wrapDataKey(
  dataKey: CryptoKey,
  pin: string,
  options: { iterations?: number } = {},
): Promise<WrappedKey> {
  if (!isValidFieldPin(pin)) throw new Error('a field PIN is 6 to 12 digits');
  const iterations = options.iterations ?? FIELD_PIN_ITERATIONS;
  const salt = random(16);
  const iv = random(12);
  const wrapped = new Uint8Array(
    await crypto.subtle.wrapKey('raw', dataKey, await pinKey(pin, salt, iterations), { name: 'AES-GCM', iv }),
  );
  return { algorithm: 'PBKDF2-SHA-256/AES-GCM', iterations, salt, iv, wrapped };
}

/** The data key, or null when the PIN is wrong (or the wrapped key was altered). */
export async function unwrapDataKey(w: WrappedKey, pin: string): Promise<CryptoKey | null> {
  try {
    const kek = await pinKey(pin, w.salt, w.iterations);
    return await crypto.subtle.unwrapKey(
      'raw',
      w.wrapped,
      kek,
      { name: 'AES-GCM', iv: w.iv },
      { name: 'AES-GCM', length: 256 },
      false,
      ['encrypt', 'decrypt'],
    );
  } catch {
    return null;
  }
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = random(12);
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(JSON.stringify(value))),
  );
  return { iv, data };
}

export async function unseal<T>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv }, key, sealed.data);
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

/**
 * Bytes sealed under the data key as one value — the 96-bit IV, then the AES-GCM ciphertext and tag —
 * for what is stored as bytes (photos) or as one string (a draft's personal part).
 */
export async function sealBytes(key: CryptoKey, plain: BufferSource): Promise<Uint8Array<ArrayBuffer>> {
  const iv = random(12);
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  const out = new Uint8Array(iv.length + data.length);
  out.set(iv);
  out.set(data, iv.length);
  return out;
}

/** The plain bytes; throws when the key is not the one that sealed them or the bytes were altered. */
export async function unsealBytes(key: CryptoKey, sealed: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>> {
  return new Uint8Array(
    await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.subarray(0, 12) }, key, sealed.subarray(12)),
  );
}

/** Until when (device ms) the PIN unlocks the app offline after an online sign-in. */
export const pinValidUntil = (signedInAt: number, pinValidityDays: number): number =>
  signedInAt + pinValidityDays * DAY_MS;

export const pinExpired = (o: { signedInAt: number; pinValidityDays: number }, now: number): boolean =>
  // A clock set before the sign-in is not trusted either: sign in online again.
  now < o.signedInAt - DAY_MS || now >= pinValidUntil(o.signedInAt, o.pinValidityDays);

/** Wrong PINs in a row after one more wrong one, and whether that locks the device data. */
export function afterWrongPin(failures: number): { failures: number; locked: boolean } {
  const next = failures + 1;
  return { failures: next, locked: next >= MAX_FIELD_PIN_FAILURES };
}
