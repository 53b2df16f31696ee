// Gives the main thread back between slices of the device's background work (opening the database,
// pulling the catalogue, starting the outbox): on a slow phone a slice that runs on for hundreds of
// milliseconds is a tap or a keystroke that waits as long. Between slices the browser handles input
// and paints; `scheduler.yield` (Chromium) also keeps this work ahead of other queued tasks.

type Scheduler = { yield?: () => Promise<void> };

/** Resolves in a later task, after the browser has had the chance to handle pending input. */
export function yieldToMain(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  // A message is a task of its own and, unlike setTimeout, is not clamped to 4 ms when nested.
  return new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
