// The field officer's data key (src/data/field/vault.ts): wrapped by a PIN-derived key (PBKDF2-SHA-256,
// 210 000 iterations, random salt), unwrapped only by that PIN; sealed values are ciphertext; the PIN's
// validity period and the five-wrong-PINs lock; the sync summary's counts (src/data/field/summary.ts).
import { describe, expect, it } from 'vitest';
import { syncSummary } from '../../src/data/field/summary.ts';
import {
  afterWrongPin,
  FIELD_PIN_ITERATIONS,
  generateDataKey,
  isValidFieldPin,
  MAX_FIELD_PIN_FAILURES,
  pinExpired,
  pinValidUntil,
  seal,
  unseal,
  unwrapDataKey,
  wrapDataKey,
} from '../../src/data/field/vault.ts';
import type { OutboxEntry } from '../../src/data/outbox/outbox-db.ts';

const DAY = 86_400_000;
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('field data key', () => {
  it('is wrapped with PBKDF2-SHA-256 (210 000 iterations, random salt) and unwrapped only by the same PIN', async () => {
    expect(FIELD_PIN_ITERATIONS).toBeGreaterThanOrEqual(210_000);
    const key = await generateDataKey();
    const wrapped = await wrapDataKey(key, '482916');
    expect(wrapped).toMatchObject({ algorithm: 'PBKDF2-SHA-256/AES-GCM', iterations: 210_000 });
    expect(wrapped.salt).toHaveLength(16);
    expect(wrapped.iv).toHaveLength(12);
    expect(wrapped.wrapped.length).toBe(32 + 16); // the 256-bit key and the GCM tag

    const opened = await unwrapDataKey(wrapped, '482916');
    expect(opened).not.toBeNull();
    expect(opened!.extractable).toBe(false); // the unlocked key can never be read out
    expect(await unwrapDataKey(wrapped, '482917')).toBeNull();
    expect(
      await unwrapDataKey({ ...wrapped, wrapped: wrapped.wrapped.map((b, i) => (i === 0 ? b ^ 1 : b)) }, '482916'),
    ).toBeNull();

    // The data sealed with the original key opens with the unwrapped one.
    const sealed = await seal(key, { name: 'Siti Aminah', nik: '3529014507900003' });
    expect(await unseal(opened!, sealed)).toEqual({ name: 'Siti Aminah', nik: '3529014507900003' });
  });

  it('uses a fresh salt and IV every time: the same PIN and key never give the same bytes', async () => {
    const key = await generateDataKey();
    const [a, b] = await Promise.all([
      wrapDataKey(key, '111111', { iterations: 1000 }),
      wrapDataKey(key, '111111', { iterations: 1000 }),
    ]);
    expect(Buffer.from(a.salt).equals(Buffer.from(b.salt))).toBe(false);
    expect(Buffer.from(a.wrapped).equals(Buffer.from(b.wrapped))).toBe(false);
  });

  it('refuses PINs shorter than six digits', async () => {
    expect(isValidFieldPin('12345')).toBe(false);
    expect(isValidFieldPin('123456')).toBe(true);
    expect(isValidFieldPin('12345a')).toBe(false);
    await expect(wrapDataKey(await generateDataKey(), '1234')).rejects.toThrow(/6 to 12/);
  });

  it('seals values as AES-GCM ciphertext with no readable trace of them', async () => {
    const key = await generateDataKey();
    const value = { name: 'Rahmat Hidayatullah', nik: '3529011203850007', village: 'Talango' };
    const a = await seal(key, value);
    const b = await seal(key, value);
    for (const s of [a, b]) for (const needle of Object.values(value)) expect(text(s.data)).not.toContain(needle);
    expect(Buffer.from(a.data).equals(Buffer.from(b.data))).toBe(false);
    expect(await unseal(key, b)).toEqual(value);
    await expect(unseal(await generateDataKey(), a)).rejects.toThrow();
  });
});

describe('PIN validity and lock', () => {
  const signedInAt = Date.UTC(2026, 0, 10, 8);
  it('unlocks offline until sign-in time + pinValidityDays, then asks for an online sign-in', () => {
    const o = { signedInAt, pinValidityDays: 14 };
    expect(pinValidUntil(signedInAt, 14)).toBe(signedInAt + 14 * DAY);
    expect(pinExpired(o, signedInAt)).toBe(false);
    expect(pinExpired(o, signedInAt + 14 * DAY - 1)).toBe(false);
    expect(pinExpired(o, signedInAt + 14 * DAY)).toBe(true);
    expect(pinExpired(o, signedInAt - 2 * DAY)).toBe(true); // a clock turned back is not trusted
  });

  it('locks at the fifth wrong PIN in a row', () => {
    expect(MAX_FIELD_PIN_FAILURES).toBe(5);
    let failures = 0;
    const seen: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const next = afterWrongPin(failures);
      failures = next.failures;
      seen.push(next.locked);
    }
    expect(seen).toEqual([false, false, false, false, true]);
  });
});

describe('sync summary', () => {
  const photo = (c: string, size: number) => ({
    sha256: c.repeat(64),
    type: 'image/jpeg' as const,
    size,
    name: 'kk.jpg',
  });
  const entry = (
    id: string,
    state: OutboxEntry['state'],
    attachments: ReturnType<typeof photo>[],
    extra: Partial<OutboxEntry> = {},
    channel = 'field',
  ): OutboxEntry =>
    ({
      id,
      state,
      attempts: 0,
      nextAttemptAt: 0,
      queuedAt: 1,
      updatedAt: 1,
      secret: 'x',
      record: { id, channel, attachments: { kkDoc: attachments } },
      ...extra,
    }) as unknown as OutboxEntry;

  it('counts queued field applications, their distinct photos and bytes, progress and failures with reasons', () => {
    const now = 1_000_000;
    const entries = [
      entry('a', 'queued', [photo('a', 1000), photo('b', 2000)], {
        sending: { at: now - 1000, sent: 500, total: 3000 },
      }),
      entry('b', 'queued', [photo('b', 2000)], { uploaded: [] }),
      entry('c', 'queued', [photo('c', 4000)], { uploaded: ['c'.repeat(64)] }), // the server has this photo
      entry('d', 'delivered', [photo('d', 10)]),
      entry('e', 'quarantined', [], { attempts: 9, lastError: { kind: 'http', status: 500 } }),
      entry('f', 'rejected', [], { result: { id: 'f', status: 'rejected', errors: { nik: { code: 'nik.length' } } } }),
      entry('g', 'queued', [photo('e', 99_999)], {}, 'online'), // a resident's own application: not the officer's
    ];
    const s = syncSummary(entries, now);
    expect(s.queued).toBe(3);
    expect(s.photos).toBe(2);
    const records = ['a', 'b', 'c']
      .map((id) => new TextEncoder().encode(JSON.stringify(entries.find((e) => e.id === id)!.record)).length)
      .reduce((x, y) => x + y);
    expect(s.bytes).toBe(records + 3000);
    expect(s.progress).toEqual({ sent: 500, total: 3000 });
    expect(s.delivered).toBe(1);
    expect(s.failed).toEqual([
      { id: 'e', state: 'quarantined', attempts: 9, error: { kind: 'http', status: 500 } },
      { id: 'f', state: 'rejected', attempts: 0, fields: { nik: { code: 'nik.length' } } },
    ]);
    expect(syncSummary(entries, now + 10 * 60_000).progress).toBeNull(); // a stale "sending" mark is no progress
  });
});
