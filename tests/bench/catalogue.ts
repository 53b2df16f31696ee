// Catalogue figures, in real Chromium (fresh persistent profiles) against the real server code (the
// Fastify app on PGlite, in this process, serving dist/):
//   1. the first full catalogue sync of the seed: navigation start → the app records the sync
//      (localStorage syncedAt), API requests, bytes on the wire (sent + received) and received bytes;
//   2. an unchanged check (the `online` event → syncedAt changes): bytes, requests, time;
//   3. /layanan with 500 services on the device: the first sync of those 500, the page served by the
//      service worker until its 500 cards exist, and typing "akta" until the list narrows.
// Sync times: the page polls localStorage every 20 ms until syncedAt changes; the time reported ends
// at the instant written in syncedAt (the app's own Date, ms resolution), not at the poll that saw it.
import { rm } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import type { ServiceContent } from '../../src/domain/catalogue/service.ts';
import { SEED_ANNOUNCEMENTS } from '../../src/server/catalogue/seed/announcements.ts';
import { SEED_OFFICES } from '../../src/server/catalogue/seed/offices.ts';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { seedCatalogue } from '../../src/server/catalogue/seed.ts';
import { countDocuments, putDocuments } from '../../src/server/catalogue/store.ts';
import { startInProcessServer } from '../support/app-server.ts';
import { assertChromium, openProfile, waitForServiceWorkerControl } from '../support/browser.ts';
import { recordApiTraffic, type WireRequest } from '../support/network.ts';
import { tempDir } from '../support/server.ts';
import { type Spread, spread, type Timing, timing } from './stats.ts';

const SYNCED_AT_KEY = 'nusa-layan.catalogue.syncedAt';
const POLL_MS = 20;
const WAIT_MS = 60_000;
const CARDS = '.service-list .card';
const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const REGENCY = '35.29'; // Sumenep, as tests/support/app-server.ts seeds it

export const FIRST_SYNC_RUNS = 3;
export const UNCHANGED_CHECKS = 5;
export const LARGE_SERVICES = 500;
export const LARGE_RUNS = 5;
export const SEARCH_QUERY = 'akta';

/** Requests, sent, received and sent + received bytes of one sync, as Chromium reports them. */
export type Wire = {
  requests: number;
  sentBytes: number;
  receivedBytes: number;
  wireBytes: number;
  paths: string[];
};
export type WireSummary = { requests: Spread; sentBytes: Spread; receivedBytes: Spread; wireBytes: Spread };
export type SyncFigures = { time: Timing; wire: WireSummary; runs: Array<Wire & { ms: number }> };

export type SeedSyncResult = {
  services: number;
  firstSync: SyncFigures;
  unchanged: SyncFigures & { budget: { wireBytesUnder: number; pass: boolean } };
};

export type LargeCatalogueResult = {
  services: number;
  firstSync: Wire & { ms: number };
  render: Timing & { navigations: number; servedByServiceWorker: number };
  search: Timing & { query: string; cardsBefore: number; cardsAfter: number };
};

export const UNCHANGED_BUDGET_BYTES = 1024;

function wire(requests: readonly WireRequest[]): Wire {
  const sentBytes = requests.reduce((n, r) => n + r.sentBytes, 0);
  const receivedBytes = requests.reduce((n, r) => n + r.receivedBytes, 0);
  return {
    requests: requests.length,
    sentBytes,
    receivedBytes,
    wireBytes: sentBytes + receivedBytes,
    paths: requests.map((r) => new URL(r.url).pathname),
  };
}

function summarize(runs: Array<Wire & { ms: number }>): SyncFigures {
  return {
    time: timing(runs.map((r) => r.ms)),
    wire: {
      requests: spread(runs.map((r) => r.requests)),
      sentBytes: spread(runs.map((r) => r.sentBytes)),
      receivedBytes: spread(runs.map((r) => r.receivedBytes)),
      wireBytes: spread(runs.map((r) => r.wireBytes)),
    },
    runs,
  };
}

/** A fresh persistent profile for `fn`; the browser and the profile folder are removed afterwards. */
async function withProfile<T>(fn: (page: Page) => Promise<T>): Promise<T> {
  const dir = await tempDir('nusa-layan-bench-profile-');
  try {
    const context = await openProfile(dir);
    try {
      return await fn(context.pages()[0] ?? (await context.newPage()));
    } finally {
      await context.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * In the page, polls localStorage every 20 ms until syncedAt differs from `before` (after
 * dispatching `online` first when asked). Returns the new value and the page's clocks.
 */
async function pollSyncedAt(page: Page, opts: { before: string | null; dispatchOnline: boolean }) {
  return page.evaluate(
    // No named inner functions in evaluated code: tsx would wrap them in a helper the page lacks.
    async ({ key, before, dispatchOnline, pollMs, waitMs }) => {
      const start = performance.now();
      const dispatchedAt = Date.now();
      if (dispatchOnline) window.dispatchEvent(new Event('online'));
      for (;;) {
        const now = localStorage.getItem(key);
        if (now !== null && now !== before) {
          return { syncedAt: now, dispatchedAt, timeOrigin: performance.timeOrigin };
        }
        if (performance.now() - start > waitMs)
          throw new Error(`${key} did not change within ${waitMs} ms (still ${String(now)})`);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    { key: SYNCED_AT_KEY, before: opts.before, dispatchOnline: opts.dispatchOnline, pollMs: POLL_MS, waitMs: WAIT_MS },
  );
}

/** Records the API traffic of `action` (from before it starts until its requests have finished). */
async function measureWire<T>(page: Page, action: () => Promise<T>): Promise<{ result: T; wire: Wire }> {
  const traffic = await recordApiTraffic(page);
  try {
    const result = await action();
    await traffic.settled();
    const requests = traffic.requests;
    const unmeasured = requests.filter((r) => r.sentBytes === 0).map((r) => r.url);
    if (unmeasured.length) throw new Error(`request headers not reported by Chromium for ${unmeasured.join(', ')}`);
    return { result, wire: wire(requests) };
  } finally {
    await traffic.stop();
  }
}

/**
 * Fresh profile's first visit to `/`: API traffic is recorded from before navigation; the time runs
 * from navigation start (the page's time origin) to the moment the app stamped syncedAt.
 */
async function firstSync(page: Page, url: string): Promise<Wire & { ms: number }> {
  const { result: seen, wire: traffic } = await measureWire(page, async () => {
    await page.goto(`${url}/`, { waitUntil: 'commit' });
    return pollSyncedAt(page, { before: null, dispatchOnline: false });
  });
  return { ms: Date.parse(seen.syncedAt) - seen.timeOrigin, ...traffic };
}

/** One check of an unchanged catalogue: `online` → the app stamps a new syncedAt. */
async function unchangedCheck(page: Page): Promise<Wire & { ms: number }> {
  const before = await page.evaluate((key) => localStorage.getItem(key), SYNCED_AT_KEY);
  const { result: seen, wire: traffic } = await measureWire(page, () =>
    pollSyncedAt(page, { before, dispatchOnline: true }),
  );
  return { ms: Date.parse(seen.syncedAt) - seen.dispatchedAt, ...traffic };
}

/** Figures 1 and 2: the seed catalogue's first sync (fresh profiles) and unchanged checks. */
export async function measureSeedSync(): Promise<SeedSyncResult> {
  assertChromium();
  const server = await startInProcessServer({ seed: true });
  try {
    const firstRuns: Array<Wire & { ms: number }> = [];
    const checkRuns: Array<Wire & { ms: number }> = [];
    for (let i = 0; i < FIRST_SYNC_RUNS; i++) {
      await withProfile(async (page) => {
        firstRuns.push(await firstSync(page, server.url));
        // The unchanged checks run on the last profile, right after its first sync.
        if (i === FIRST_SYNC_RUNS - 1) {
          for (let c = 0; c < UNCHANGED_CHECKS; c++) checkRuns.push(await unchangedCheck(page));
        }
      });
    }
    const unchanged = summarize(checkRuns);
    const pulls = checkRuns.flatMap((r) => r.paths).filter((p) => !p.endsWith('/catalogue/head'));
    if (pulls.length) throw new Error(`an unchanged check pulled data: ${pulls.join(', ')}`);
    return {
      services: await countDocuments(server.db, 'services'),
      firstSync: summarize(firstRuns),
      unchanged: {
        ...unchanged,
        budget: { wireBytesUnder: UNCHANGED_BUDGET_BYTES, pass: unchanged.wire.wireBytes.max < UNCHANGED_BUDGET_BYTES },
      },
    };
  } finally {
    await server.close();
  }
}

/** `count` services cloned round-robin from the seed, each with its own slug and name (both languages). */
export function manyServices(count: number): ServiceContent[] {
  return Array.from({ length: count }, (_, i) => {
    const s = SEED_SERVICES[i % SEED_SERVICES.length]!;
    const n = i + 1;
    const id = `${s.id}-n${n}`;
    if (!SLUG.test(id) || id.length > 64) throw new Error(`generated service id is not a valid slug: ${id}`);
    return { ...s, id, name: { id: `${s.name.id} (salinan ${n})`, en: `${s.name.en} (copy ${n})` } };
  });
}

/** In the page: resolves with performance.now() when at least `n` cards exist (checked on every DOM change). */
function cardsAt(page: Page, n: number): Promise<number> {
  return page.evaluate(
    ({ selector, n, waitMs }) =>
      new Promise<number>((resolve, reject) => {
        if (document.querySelectorAll(selector).length >= n) {
          resolve(performance.now());
          return;
        }
        const observer = new MutationObserver(() => {
          if (document.querySelectorAll(selector).length < n) return;
          const at = performance.now();
          observer.disconnect();
          clearTimeout(timer);
          resolve(at);
        });
        observer.observe(document, { childList: true, subtree: true });
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`only ${document.querySelectorAll(selector).length} of ${n} cards after ${waitMs} ms`));
        }, waitMs);
      }),
    { selector: CARDS, n, waitMs: WAIT_MS },
  );
}

const cardCount = (page: Page) => page.locator(CARDS).count();

/** Figure 3: /layanan with 500 services on the device (instead of the seed's own 12). */
export async function measureLargeCatalogue(): Promise<LargeCatalogueResult> {
  assertChromium();
  const server = await startInProcessServer({ seed: false });
  try {
    // The seed with its 12 services replaced by 500 clones, written in seedCatalogue's order
    // (offices first: services and announcements refer to them); it then adds only the region.
    await putDocuments(server.db, 'offices', SEED_OFFICES);
    await putDocuments(server.db, 'services', manyServices(LARGE_SERVICES));
    await putDocuments(server.db, 'announcements', SEED_ANNOUNCEMENTS);
    await seedCatalogue(server.db, REGENCY);
    const services = await countDocuments(server.db, 'services');
    if (services !== LARGE_SERVICES) throw new Error(`server holds ${services} services, expected ${LARGE_SERVICES}`);

    return await withProfile(async (page) => {
      const first = await firstSync(page, server.url);
      // Warm-up: the service worker controls the page and the device shows all 500 services.
      await waitForServiceWorkerControl(page);
      await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
      await cardsAt(page, LARGE_SERVICES);
      if ((await cardCount(page)) !== LARGE_SERVICES)
        throw new Error(`/layanan shows ${await cardCount(page)} cards, expected ${LARGE_SERVICES}`);

      const renderMs: number[] = [];
      const searchMs: number[] = [];
      let fromServiceWorker = 0;
      let cardsAfter = 0;
      for (let i = 0; i < LARGE_RUNS; i++) {
        const res = await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
        if (res?.fromServiceWorker()) fromServiceWorker++;
        renderMs.push(await cardsAt(page, LARGE_SERVICES));

        const search = page.locator('input[type=search]');
        const started = Date.now();
        await search.fill(SEARCH_QUERY);
        await page.waitForFunction(
          ({ selector, n }) => document.querySelectorAll(selector).length < n,
          { selector: CARDS, n: LARGE_SERVICES },
          { polling: 'raf', timeout: WAIT_MS },
        );
        searchMs.push(Date.now() - started);
        cardsAfter = await cardCount(page);
      }
      return {
        services,
        firstSync: first,
        render: { ...timing(renderMs), navigations: LARGE_RUNS, servedByServiceWorker: fromServiceWorker },
        search: { ...timing(searchMs), query: SEARCH_QUERY, cardsBefore: LARGE_SERVICES, cardsAfter },
      };
    });
  } finally {
    await server.close();
  }
}
