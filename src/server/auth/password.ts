// Password hashing with scrypt (memory-hard, built into Node: no native dependency). The stored
// string carries its parameters — scrypt$<log2 N>$<r>$<p>$<salt>$<hash> — so they can be raised
// later without breaking old hashes (`needsRehash`).
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';

export type ScryptParams = { log2N: number; r: number; p: number };

/** N = 2^15, r = 8: 32 MiB and roughly 50–100 ms per hash on a server core. */
export const DEFAULT_PARAMS: ScryptParams = { log2N: 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

function derive(password: string, salt: Buffer, params: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** params.log2N;
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, params, KEY_LENGTH);
  return ['scrypt', params.log2N, params.r, params.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

const FORMAT = /^scrypt\$(\d{1,2})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{16,})$/;

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const m = FORMAT.exec(stored);
  if (!m) return null;
  const params = { log2N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (params.log2N < 10 || params.log2N > 22 || params.r < 1 || params.p < 1 || params.p > 16) return null;
  return { params, salt: Buffer.from(m[4]!, 'base64url'), key: Buffer.from(m[5]!, 'base64url') };
}

/** True when `password` matches `stored`; false for a wrong password or an unreadable hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with weaker parameters than today's: hash again at the next login. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_PARAMS): boolean {
  const parsed = parse(stored);
  if (!parsed) return true;
  return parsed.params.log2N < params.log2N || parsed.params.r < params.r || parsed.params.p < params.p;
}

let dummy: Promise<string> | null = null;
/**
 * A hash of nothing anyone knows: an unknown username is checked against it, so a failed login
 * takes as long whether or not the account exists.
 */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  return dummy;
}
