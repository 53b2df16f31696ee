// The rate-limit arithmetic (issue 13, point 11): a burst up to the allowance passes, the next unit
// waits as long as one unit takes to come back, a cost beyond the whole allowance never passes, and
// idle keys are forgotten; addresses are counted as one subscriber holds them (IPv6 by its /64).
import { describe, expect, it } from 'vitest';
import { MemoryBuckets } from '../../src/server/limits/buckets.ts';
import { addressKey } from '../../src/server/limits/rate-limits.ts';

describe('MemoryBuckets (GCRA)', () => {
  const rule = { limit: 10, perSeconds: 60 };

  it('lets a burst of the whole allowance through, then refills one unit every period/limit', async () => {
    let now = 1_000_000;
    const buckets = new MemoryBuckets(() => now);
    for (let i = 0; i < 10; i++) expect(await buckets.take('a', 1, rule)).toEqual({ ok: true });
    expect(await buckets.take('a', 1, rule)).toEqual({ ok: false, retryAfterSeconds: 6 });
    // Another key has its own allowance.
    expect(await buckets.take('b', 10, rule)).toEqual({ ok: true });
    now += 5_999;
    expect((await buckets.take('a', 1, rule)).ok).toBe(false);
    now += 1;
    expect(await buckets.take('a', 1, rule)).toEqual({ ok: true });
    expect((await buckets.take('a', 1, rule)).ok).toBe(false);
    // A refused take costs nothing: after a full period the whole allowance is back.
    now += 60_000;
    expect(await buckets.take('a', 10, rule)).toEqual({ ok: true });
  });

  it('refuses a cost above the allowance outright, and a cost the rest cannot cover until it can', async () => {
    let now = 0;
    const buckets = new MemoryBuckets(() => now);
    expect(await buckets.take('a', 11, rule)).toEqual({ ok: false, retryAfterSeconds: 60 });
    expect(await buckets.take('a', 7, rule)).toEqual({ ok: true });
    expect(await buckets.take('a', 4, rule)).toEqual({ ok: false, retryAfterSeconds: 6 });
    now += 6_000;
    expect(await buckets.take('a', 4, rule)).toEqual({ ok: true });
  });

  it('forgets keys whose allowance is whole again', async () => {
    let now = 0;
    const buckets = new MemoryBuckets(() => now);
    for (let i = 0; i < 999; i++) await buckets.take(`k${i}`, 1, rule);
    expect(buckets.size).toBe(999);
    now += 60_000;
    // The thousandth take sweeps: only its own key is left.
    await buckets.take('last', 1, rule);
    expect(buckets.size).toBe(1);
  });
});

describe('addressKey', () => {
  it('keeps IPv4 as it is, also mapped into IPv6', () => {
    expect(addressKey('192.0.2.7')).toBe('192.0.2.7');
    expect(addressKey('::ffff:192.0.2.7')).toBe('192.0.2.7');
  });

  it('counts IPv6 by its /64, however it is written', () => {
    expect(addressKey('2001:db8:1:2::5')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('2001:db8:1:3::1')).not.toBe(addressKey('2001:db8:1:2::1'));
  });
});
