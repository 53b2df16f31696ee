// The peers bench's run order and ratios (tests/bench/peers/order.ts): interleaved A B C A B C so
// every contestant meets the same load, and the peer/Nusa Layan ratio that the bench prints.
import { describe, expect, it } from 'vitest';
import { interleave, ratio } from '../bench/peers/order.ts';

describe('interleave', () => {
  it('repeats the contestants in turn, never one contestant many times in a row', () => {
    expect(interleave(['a', 'b', 'c'], 3)).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('refuses a run count that is not a positive integer', () => {
    expect(() => interleave(['a'], 0)).toThrow(/positive integer/);
    expect(() => interleave(['a'], 1.5)).toThrow(/positive integer/);
  });
});

describe('ratio', () => {
  it('is the peer over Nusa Layan, to two decimals', () => {
    expect(ratio(5600, 12800)).toBe(0.44);
    expect(ratio(15100, 4100)).toBe(3.68);
  });

  it('refuses a base that cannot be divided by', () => {
    expect(() => ratio(1000, 0)).toThrow(/cannot compare/);
    expect(() => ratio(1000, Number.NaN)).toThrow(/cannot compare/);
  });
});
