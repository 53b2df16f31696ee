// The catalogue screens' copy of the catalogue: services, offices and announcements as one value in
// a one-record IndexedDB database, rewritten after every sync that changed them (sync.ts) and written
// first from the first pull on an empty device (first-pull.ts). Reading it needs neither RxDB (which
// opens a dozen databases on a cold start) nor zod nor Dexie, so the list shows at once, before the
// device database has even opened. Plain IndexedDB: one get and one put do not need a library.
import type { Announcement } from '../../domain/catalogue/announcement.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';

export type CatalogueSnapshot = { services: Service[]; offices: Office[]; announcements: Announcement[] };

export const SNAPSHOT_DATABASE_NAME = 'nusalayan-catalogue-copy';
const STORE = 'copy';
const KEY = 'catalogue';
const EVENT = 'nusa-layan:catalogue-snapshot';

let opening: Promise<IDBDatabase> | undefined;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(SNAPSHOT_DATABASE_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  opening.catch(() => (opening = undefined));
  return opening;
}

async function request<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const tx = (await database()).transaction(STORE, mode);
  const req = run(tx.objectStore(STORE));
  return new Promise<T>((resolve, reject) => {
    tx.oncomplete = () => resolve(req.result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
}

/** This page's newest copy (undefined: not read yet). */
let latest: CatalogueSnapshot | null | undefined;

/** The copy on the device, or null before the first sync stored one (or where IndexedDB fails). */
export async function readSnapshot(): Promise<CatalogueSnapshot | null> {
  if (latest !== undefined) return latest;
  try {
    const found = await request('readonly', (store) => store.get(KEY) as IDBRequest<CatalogueSnapshot | undefined>);
    latest ??= found ?? null;
  } catch {
    latest ??= null;
  }
  return latest;
}

/** The copy if this page has read it already (the entry starts reading at once): no wait for a render. */
export function snapshotNow(): CatalogueSnapshot | null | undefined {
  return latest;
}

/** Shows `snapshot`, a copy stored elsewhere (by the catalogue worker), on this page's screens. */
export function showSnapshot(snapshot: CatalogueSnapshot): void {
  latest = snapshot;
  globalThis.dispatchEvent?.(new CustomEvent(EVENT, { detail: snapshot }));
}

/** Keeps `snapshot` as the copy and tells this page's screens at once; storing it follows. */
export async function writeSnapshot(snapshot: CatalogueSnapshot): Promise<void> {
  showSnapshot(snapshot);
  // Storing copies the whole catalogue on the main thread (~25 ms on a slow phone): in a task of
  // its own, after the render that shows it rather than inside it.
  await new Promise((resolve) => setTimeout(resolve));
  try {
    await request('readwrite', (store) => store.put(snapshot, KEY));
  } catch {
    // Storage full or blocked: the screens fall back to the database's own view next time.
  }
}

/** Calls back with every copy written in this page. */
export function onSnapshot(callback: (snapshot: CatalogueSnapshot) => void): () => void {
  const listener = (e: Event) => callback((e as CustomEvent<CatalogueSnapshot>).detail);
  globalThis.addEventListener(EVENT, listener);
  return () => globalThis.removeEventListener(EVENT, listener);
}
