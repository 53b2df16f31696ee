import { describe, expect, it } from 'vitest';
import { backoffMs, isDue, outcomeOf } from '../../src/domain/submissions/retry.ts';

describe('retry rules', () => {
  it('retries network errors, 408, 429 and 5xx; stops on 401/403; rejects other 4xx', () => {
    expect(outcomeOf({ kind: 'network' })).toBe('retry');
    for (const status of [408, 429, 500, 502, 503, 504])
      expect(outcomeOf({ kind: 'http', status }), String(status)).toBe('retry');
    for (const status of [401, 403]) expect(outcomeOf({ kind: 'http', status }), String(status)).toBe('auth');
    for (const status of [400, 404, 409, 413, 422])
      expect(outcomeOf({ kind: 'http', status }), String(status)).toBe('reject');
    for (const status of [200, 201, 204]) expect(outcomeOf({ kind: 'http', status }), String(status)).toBe('done');
  });

  it('backs off exponentially with full jitter, capped at 30 minutes', () => {
    expect(backoffMs(1, 1)).toBe(5_000);
    expect(backoffMs(2, 1)).toBe(10_000);
    expect(backoffMs(4, 1)).toBe(40_000);
    expect(backoffMs(20, 1)).toBe(30 * 60_000);
    expect(backoffMs(3, 0)).toBe(1_000); // never a busy loop
    expect(backoffMs(3, 0.5)).toBe(10_000);
  });

  it('lets a person opening the app override the backoff of unanswered tries, never a refusing server', () => {
    const now = 1_000_000;
    const waiting = (lastError?: { kind: string; status?: number }) => ({ nextAttemptAt: now + 60_000, lastError });
    const network = waiting({ kind: 'network' });
    const busy = waiting({ kind: 'http', status: 503 });
    expect(isDue(network, now, 'periodic')).toBe(false);
    expect(isDue(busy, now, 'periodic')).toBe(false);
    expect(isDue(network, now, 'opened')).toBe(true);
    expect(isDue(waiting(), now, 'opened')).toBe(true);
    expect(isDue(busy, now, 'opened')).toBe(false);
    expect(isDue(busy, now, 'forced')).toBe(true);
    expect(isDue({ ...busy, nextAttemptAt: now }, now, 'periodic')).toBe(true);
  });
});
