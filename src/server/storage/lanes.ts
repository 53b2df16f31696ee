// Two lanes in front of a database that runs one statement at a time (PGlite: one connection, in
// this process's thread). Work in the fast lane — every request a device or a person is waiting on —
// goes first; the slow lane holds long office reads (reports, queue pages, searches), which start
// only when no fast work waits, so a device request waits for at most the one slow statement
// already running. A slow statement that has waited SLOW_MAX_WAIT_MS goes next anyway: a flood of
// device traffic slows the office down but cannot lock it out.
//
// Hand-written rather than p-queue's priorities: before a slow job starts, the queue yields to the
// event loop (setImmediate), so requests that arrived while the previous statement ran reach the
// fast lane first; p-queue starts its next job as soon as one ends, before any I/O is read.

export type Lane = 'fast' | 'slow';

export const SLOW_MAX_WAIT_MS = 1000;

type Job = { run: () => Promise<void>; queuedAt: number };

export class Lanes {
  private readonly fast: Job[] = [];
  private readonly slow: Job[] = [];
  private running = false;

  constructor(private readonly now: () => number = () => performance.now()) {}

  /** Runs `work` when its turn comes, alone: nothing else in either lane runs meanwhile. */
  run<T>(lane: Lane, work: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      (lane === 'fast' ? this.fast : this.slow).push({
        run: async () => {
          try {
            resolve(await work());
          } catch (err) {
            reject(err);
          }
        },
        queuedAt: this.now(),
      });
      void this.drain();
    });
  }

  /** Jobs waiting (not the one running), by lane. */
  get waiting(): { fast: number; slow: number } {
    return { fast: this.fast.length, slow: this.slow.length };
  }

  private next(): Job | undefined {
    const overdue = this.slow[0] && this.now() - this.slow[0].queuedAt >= SLOW_MAX_WAIT_MS;
    return overdue ? this.slow.shift() : this.fast.shift();
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        let job = this.next();
        if (!job && this.slow.length > 0) {
          // Let the requests that arrived while the last statement ran queue their work first.
          await new Promise((resolve) => setImmediate(resolve));
          job = this.next() ?? this.slow.shift();
        }
        if (!job) return;
        await job.run();
      }
    } finally {
      this.running = false;
    }
  }
}
