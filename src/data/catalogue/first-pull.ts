// The first catalogue pull on an empty device, started with the app itself rather than after the
// page has loaded and the device database has opened: the first page of services, offices and
// announcements are asked for at once, in parallel (one round trip, not three in a row), and the
// head and the region as soon as those arrived (the list does not need them; on a thin link they
// would only delay it). The list shows from these answers (as the catalogue screens' copy,
// snapshot.ts), and the device database's own pull (sync.ts) takes them instead of asking the server
// again. Tiny and free of RxDB and zod: it is the entry chunk's.
import type { CatalogueCollection } from '../../domain/catalogue/collections.ts';
import { lastCatalogueSync } from '../sync-status.ts';
import { type CatalogueSnapshot, readSnapshot, writeSnapshot } from './snapshot.ts';

/** Documents per pull: the device database's pull asks for pages of the same size. */
export const PULL_BATCH = 100;
/** The collections the screens' copy holds (snapshot.ts). */
export const LISTED: readonly CatalogueCollection[] = ['services', 'offices', 'announcements'];
/** Every collection the first pull asks for. */
export const PULLED_FIRST: readonly CatalogueCollection[] = [...LISTED, 'regions'];

export type PullPage = { documents: Array<{ _deleted?: boolean }>; checkpoint: unknown };

let head: Promise<unknown> | undefined;
const firstPages = new Map<CatalogueCollection, Promise<PullPage>>();
const taken = new Set<string>();
let catalogue: Promise<CatalogueSnapshot | null> | undefined;

/** A JSON GET that never comes from the HTTP cache; a non-2xx answer throws. */
export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return res.json();
}

/** On a device that has never synced the catalogue: asks for all of it now. */
export function startFirstPull(): void {
  if (firstPages.size || lastCatalogueSync() !== null || navigator.onLine === false) return;
  const pull = (c: CatalogueCollection) =>
    getJson(`/api/sync/${c}/pull?seq=0&limit=${PULL_BATCH}`) as Promise<PullPage>;
  for (const c of LISTED) firstPages.set(c, pull(c));
  const listed = Promise.allSettled(firstPages.values());
  head = listed.then(() => getJson('/api/sync/catalogue/head'));
  firstPages.set(
    'regions',
    listed.then(() => pull('regions')),
  );
  head.catch(() => undefined);
  for (const page of firstPages.values()) page.catch(() => undefined);
}

/** The head asked for at start, once; undefined when there is none to take. */
export function takeHead(): Promise<unknown> | undefined {
  if (!head || taken.has('head')) return undefined;
  taken.add('head');
  return head;
}

/** The first page of `collection` asked for at start, once; undefined for any other page. */
export function takeFirstPage(
  collection: CatalogueCollection,
  seq: number,
  limit: number,
): Promise<PullPage> | undefined {
  const page = firstPages.get(collection);
  if (!page || seq !== 0 || limit !== PULL_BATCH || taken.has(collection)) return undefined;
  taken.add(collection);
  return page;
}

/**
 * The catalogue from the first pull, stored as the screens' copy — when every collection fit in its
 * first page; null when there was no first pull, it failed, or more pages are needed (the device
 * database's pull then brings the rest, and writes the copy itself).
 */
export function firstCatalogue(): Promise<CatalogueSnapshot | null> {
  catalogue ??= (async () => {
    const pages = ['services', 'offices', 'announcements'].map((c) => firstPages.get(c as CatalogueCollection));
    if (pages.some((p) => !p)) return null;
    try {
      const [services, offices, announcements] = await Promise.all(pages as Array<Promise<PullPage>>);
      if (![services, offices, announcements].every((p) => p!.documents.length < PULL_BATCH)) return null;
      const live = (p: PullPage) =>
        p.documents.filter((d) => !d._deleted).map(({ _deleted, ...doc }) => doc) as never[];
      // A copy the database's sync wrote meanwhile is as new or newer.
      const stored = await readSnapshot();
      if (stored) return stored;
      const snapshot = { services: live(services!), offices: live(offices!), announcements: live(announcements!) };
      await writeSnapshot(snapshot);
      return snapshot;
    } catch {
      return null;
    }
  })();
  return catalogue;
}
