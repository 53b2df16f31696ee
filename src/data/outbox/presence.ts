// Whether this device has an outbox at all, told without opening it: a device that never sent
// anything (most first visits) has nothing to deliver and no key to follow updates with, so the page
// need not load the outbox's code (Dexie, zod, the domain) for it. Tiny: the entry chunk's.

export const OUTBOX_DATABASE_NAME = 'nusalayan-outbox';
const OPENED_EVENT = 'nusa-layan:outbox-opened';

/** True when the outbox database exists (or when the browser cannot list its databases). */
export async function outboxExists(): Promise<boolean> {
  const idb = globalThis.indexedDB as (IDBFactory & { databases?: () => Promise<IDBDatabaseInfo[]> }) | undefined;
  if (typeof idb?.databases !== 'function') return true;
  try {
    return (await idb.databases()).some((d) => d.name === OUTBOX_DATABASE_NAME);
  } catch {
    return true;
  }
}

/** Called where the outbox database is first opened in this context. */
export function announceOutboxOpened(): void {
  globalThis.dispatchEvent?.(new Event(OPENED_EVENT));
}

/** Calls back once when this page opens the outbox (a first "Kirim", a kiosk's enrolment); returns a cancel. */
export function onOutboxOpened(callback: () => void): () => void {
  const listener = () => {
    globalThis.removeEventListener(OPENED_EVENT, listener);
    callback();
  };
  globalThis.addEventListener(OPENED_EVENT, listener);
  return () => globalThis.removeEventListener(OPENED_EVENT, listener);
}

/** Runs `start` now if the device has an outbox, otherwise once the page opens one; returns a cancel. */
export function whenOutboxExists(start: () => void): () => void {
  let cancelled = false;
  let stopWaiting = onOutboxOpened(() => !cancelled && start());
  void outboxExists().then((exists) => {
    if (!exists || cancelled) return;
    stopWaiting();
    stopWaiting = () => undefined;
    start();
  });
  return () => {
    cancelled = true;
    stopWaiting();
  };
}
