// scrypt password hashes: parameters stored with the hash, a fresh salt each time, wrong or
// malformed input refused, weaker parameters recognised for rehashing.
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAMS,
  dummyHash,
  hashPassword,
  needsRehash,
  verifyPassword,
} from '../../src/server/auth/password.ts';

describe('password hashing (scrypt)', () => {
  it('stores the parameters, salt and key, never the password', async () => {
    const hash = await hashPassword('kapal-layar-sumenep');
    expect(hash).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('kapal');
    expect(DEFAULT_PARAMS).toEqual({ log2N: 15, r: 8, p: 1 });
  });

  it('verifies the right password and refuses others', async () => {
    const hash = await hashPassword('kapal-layar-sumenep');
    expect(await verifyPassword('kapal-layar-sumenep', hash)).toBe(true);
    expect(await verifyPassword('kapal-layar-sumenep ', hash)).toBe(false);
    expect(await verifyPassword('Kapal-layar-sumenep', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('salts every hash differently', async () => {
    const a = await hashPassword('same password here');
    const b = await hashPassword('same password here');
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password here', a)).toBe(true);
    expect(await verifyPassword('same password here', b)).toBe(true);
  });

  it('verifies hashes made with other parameters, and flags weaker ones for rehashing', async () => {
    const weak = await hashPassword('pulau-kangean-2025', { log2N: 12, r: 8, p: 1 });
    expect(weak.startsWith('scrypt$12$8$1$')).toBe(true);
    expect(await verifyPassword('pulau-kangean-2025', weak)).toBe(true);
    expect(needsRehash(weak)).toBe(true);
    expect(needsRehash(await hashPassword('pulau-kangean-2025'))).toBe(false);
  });

  it('refuses malformed or tampered hashes without throwing', async () => {
    const hash = await hashPassword('pulau-kangean-2025');
    const parts = hash.split('$');
    const tamperedKey = [...parts.slice(0, 5), Buffer.alloc(32, 1).toString('base64url')].join('$');
    for (const bad of ['', 'plain-text', 'bcrypt$2b$10$abc', tamperedKey, hash.replace('scrypt$15', 'scrypt$40')]) {
      expect(await verifyPassword('pulau-kangean-2025', bad), bad).toBe(false);
    }
    expect(needsRehash('plain-text')).toBe(true);
  });

  it('has a dummy hash for unknown usernames that no password matches', async () => {
    const dummy = await dummyHash();
    expect(dummy).toBe(await dummyHash());
    expect(await verifyPassword('', dummy)).toBe(false);
    expect(await verifyPassword('password1234', dummy)).toBe(false);
  });
});
