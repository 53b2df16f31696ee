// The kiosk's staff PIN: PBKDF2 hashing through WebCrypto (salted, verified in constant time) and the
// lockout after five wrong PINs; the token check that enrolment makes with the server.
import { describe, expect, it } from 'vitest';
import { checkToken, EnrolError } from '../../src/data/kiosk/device.ts';
import {
  afterAttempt,
  hashPin,
  isValidPin,
  lockRemaining,
  MAX_PIN_FAILURES,
  NO_LOCK,
  PIN_LOCK_MS,
  type PinLock,
  verifyPin,
} from '../../src/data/kiosk/pin.ts';

describe('staff PIN hashing', () => {
  it('stores a salted PBKDF2-SHA-256 hash that verifies the right PIN only', async () => {
    const stored = await hashPin('482916', { iterations: 1000 });
    expect(stored).toMatchObject({ algorithm: 'PBKDF2-SHA-256', iterations: 1000 });
    expect(stored.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('482916');
    expect(await verifyPin('482916', stored)).toBe(true);
    expect(await verifyPin('482917', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('uses a fresh salt each time, and matches a known PBKDF2 vector', async () => {
    const a = await hashPin('1234', { iterations: 1000 });
    const b = await hashPin('1234', { iterations: 1000 });
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    // RFC 6070-style check against Node's own PBKDF2, so the WebCrypto call has the right parameters.
    const { pbkdf2Sync } = await import('node:crypto');
    const salt = new Uint8Array(16).fill(7);
    const fixed = await hashPin('1234', { iterations: 1000, salt });
    expect(fixed.hash).toBe(pbkdf2Sync('1234', Buffer.from(salt), 1000, 32, 'sha256').toString('hex'));
  });

  it('defaults to a work factor fit for a short PIN and accepts only 4 to 8 digits', async () => {
    expect((await hashPin('0000')).iterations).toBeGreaterThanOrEqual(100_000);
    for (const bad of ['123', '123456789', '12a4', ' 1234', '']) {
      expect(isValidPin(bad), bad).toBe(false);
      await expect(hashPin(bad, { iterations: 1000 })).rejects.toThrow();
    }
    expect(isValidPin('1234') && isValidPin('12345678')).toBe(true);
  });
});

describe('PIN lockout', () => {
  const t0 = 1_800_000_000_000;

  it('locks for five minutes on the fifth wrong PIN in a row', () => {
    let lock: PinLock = NO_LOCK;
    for (let i = 1; i < MAX_PIN_FAILURES; i++) {
      lock = afterAttempt(lock, false, t0 + i);
      expect(lock).toEqual({ failures: i, lockedUntil: 0 });
      expect(lockRemaining(lock, t0 + i)).toBe(0);
    }
    lock = afterAttempt(lock, false, t0 + 10);
    expect(lock.lockedUntil).toBe(t0 + 10 + PIN_LOCK_MS);
    expect(PIN_LOCK_MS).toBe(5 * 60_000);
    expect(lockRemaining(lock, t0 + 10 + 60_000)).toBe(4 * 60_000);
    expect(lockRemaining(lock, t0 + 10 + PIN_LOCK_MS)).toBe(0);
  });

  it('a right PIN clears the count; an expired lock starts a fresh count', () => {
    const four: PinLock = { failures: 4, lockedUntil: 0 };
    expect(afterAttempt(four, true, t0)).toEqual(NO_LOCK);
    const expired: PinLock = { failures: 0, lockedUntil: t0 - 1 };
    expect(afterAttempt(expired, false, t0)).toEqual({ failures: 1, lockedUntil: 0 });
  });
});

describe('enrolment token check', () => {
  const answer = (status: number, body: unknown) =>
    (async () =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      })) as unknown as typeof fetch;
  const principal = (role: string, officeIds: string[]) => ({
    principal: { accountId: '0190c3a4-7b2e-7c1d-8e4f-123456789abc', role, officeIds, name: 'Kios Desa Kalianget' },
    csrfToken: null,
  });

  it('accepts a kiosk account and returns its office', async () => {
    let sent: Headers | undefined;
    const fetcher = (async (_url: string, init: RequestInit) => {
      sent = new Headers(init.headers);
      return new Response(JSON.stringify(principal('kiosk', ['desa-kalianget'])), { status: 200 });
    }) as unknown as typeof fetch;
    expect(await checkToken('nlk_abc', fetcher)).toEqual({
      accountId: '0190c3a4-7b2e-7c1d-8e4f-123456789abc',
      name: 'Kios Desa Kalianget',
      officeId: 'desa-kalianget',
    });
    expect(sent?.get('authorization')).toBe('Bearer nlk_abc');
  });

  it('refuses other roles, unknown tokens, server trouble and no signal with typed reasons', async () => {
    const problem = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e instanceof EnrolError ? e.problem : String(e)),
      );
    expect(await problem(checkToken('x', answer(200, principal('officer', ['desa-kalianget']))))).toBe('not-kiosk');
    expect(await problem(checkToken('x', answer(200, principal('kiosk', []))))).toBe('not-kiosk');
    expect(await problem(checkToken('x', answer(401, { error: { code: 'unauthorized', message: 'no' } })))).toBe(
      'invalid-token',
    );
    expect(await problem(checkToken('x', answer(500, {})))).toBe('server');
    expect(await problem(checkToken('x', answer(200, { nonsense: true })))).toBe('server');
    const offline = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await problem(checkToken('x', offline))).toBe('offline');
  });
});
