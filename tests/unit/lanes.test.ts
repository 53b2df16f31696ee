// The two lanes in front of PGlite (src/server/storage/lanes.ts): one job at a time, fast ones
// before waiting slow ones, a turn of the event loop before a slow job starts, and no slow job
// waiting for ever behind a stream of fast ones.
import { describe, expect, it } from 'vitest';
import { Lanes, SLOW_MAX_WAIT_MS } from '../../src/server/storage/lanes.ts';

/** A job that records when it starts and ends, and ends when told to. */
function job(log: string[], name: string) {
  let finish!: () => void;
  const ended = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    finish,
    work: async () => {
      log.push(`${name} start`);
      await ended;
      log.push(`${name} end`);
      return name;
    },
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('Lanes', () => {
  it('runs one job at a time, and a fast job before slow ones that were waiting', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    const a = job(log, 'slow A');
    const b = job(log, 'slow B');
    const c = job(log, 'fast C');
    const results = [lanes.run('slow', a.work), lanes.run('slow', b.work)];
    await turn();
    results.push(lanes.run('fast', c.work));
    expect(log).toEqual(['slow A start']);
    expect(lanes.waiting).toEqual({ fast: 1, slow: 1 });
    a.finish();
    c.finish();
    b.finish();
    expect(await Promise.all(results)).toEqual(['slow A', 'slow B', 'fast C']);
    expect(log).toEqual(['slow A start', 'slow A end', 'fast C start', 'fast C end', 'slow B start', 'slow B end']);
  });

  it('lets work that arrives while a statement runs go before the next slow job', async () => {
    const lanes = new Lanes();
    const log: string[] = [];
    // The first slow job ends from a timer; a request arriving in the same turn of the event loop
    // (the next timer) must still go first: the queue reads I/O before starting a slow job.
    const first = lanes.run('slow', async () => {
      log.push('slow A');
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
    const second = lanes.run('slow', async () => void log.push('slow B'));
    const fast = new Promise<void>((resolve) =>
      setTimeout(() => resolve(lanes.run('fast', async () => void log.push('fast C'))), 5),
    );
    await Promise.all([first, second, fast]);
    expect(log).toEqual(['slow A', 'fast C', 'slow B']);
  });

  it(`runs a slow job that has waited ${SLOW_MAX_WAIT_MS} ms even while fast jobs keep coming`, async () => {
    let now = 0;
    const lanes = new Lanes(() => now);
    const log: string[] = [];
    const busy = job(log, 'fast 1');
    const running = lanes.run('fast', busy.work);
    const slow = lanes.run('slow', async () => void log.push('slow'));
    const next = lanes.run('fast', async () => void log.push('fast 2'));
    now = SLOW_MAX_WAIT_MS;
    busy.finish();
    await Promise.all([running, slow, next]);
    expect(log).toEqual(['fast 1 start', 'fast 1 end', 'slow', 'fast 2']);
  });

  it('rejects the failing job alone and goes on with the others', async () => {
    const lanes = new Lanes();
    const failing = lanes.run('fast', () => {
      throw new Error('bad statement');
    });
    const next = lanes.run('slow', async () => 'next');
    await expect(failing).rejects.toThrow('bad statement');
    expect(await next).toBe('next');
    expect(lanes.waiting).toEqual({ fast: 0, slow: 0 });
  });
});
