// When the device last confirmed its catalogue is current. Tiny on purpose: the header reads it on
// first paint without loading the database.
const SYNCED_AT_KEY = 'nusa-layan.catalogue.syncedAt';
export const SYNCED_EVENT = 'nusa-layan:catalogue-synced';

export function lastCatalogueSync(
  storage: Pick<Storage, 'getItem'> | undefined = globalThis.localStorage,
): Date | null {
  try {
    const v = storage?.getItem(SYNCED_AT_KEY);
    const t = v ? Date.parse(v) : NaN;
    return Number.isFinite(t) ? new Date(t) : null;
  } catch {
    return null;
  }
}

export function recordCatalogueSync(at: Date): void {
  try {
    localStorage.setItem(SYNCED_AT_KEY, at.toISOString());
  } catch {
    // Storage full or blocked: the data itself is saved; only the timestamp is lost.
  }
  globalThis.dispatchEvent?.(new CustomEvent(SYNCED_EVENT, { detail: at.toISOString() }));
}

/** Calls back with the new time whenever a sync succeeds (in this tab). */
export function onCatalogueSync(callback: (at: Date) => void): () => void {
  const listener = (e: Event) => callback(new Date((e as CustomEvent<string>).detail));
  globalThis.addEventListener(SYNCED_EVENT, listener);
  return () => globalThis.removeEventListener(SYNCED_EVENT, listener);
}
