// Lets a test wait until a local server it runs (push service, SMS gateway) has received what it
// expects: checked again after every request, never on a fixed sleep.
export class RequestWaiters {
  #waiters: Array<() => void> = [];

  /** Resolves when `done()` holds, or rejects after `ms`. */
  async until(done: () => boolean, what: string, ms = 10_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, Math.max(0, deadline - Date.now())).unref();
      });
    }
  }

  /** A request came in: every waiter checks its condition again. */
  wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
