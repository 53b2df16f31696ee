// The JavaScript each route needs, measured in real Chromium rather than read from index.html: every
// /assets/*.js file the document requested before the route was usable (resource timing), in gzip -9,
// and how many waves of script loading came one after another before that. A script's wave is one
// more than the deepest wave that had fully arrived when it was requested (the document's own scripts
// are wave 1); each wave costs at least one round trip.
//
// Every route is a new document loaded over the harbour link (harbour.ts: 1 Mbit/s, 600 ms), so the
// waves are real round trips: `/layanan` on a first visit (fresh profile, nothing on the device), then
// on a device that holds the catalogue and one draft, but loading its code from the server (no service
// worker, no HTTP cache — the code a route pulls in, not what a cache hides): `/`, `/layanan`,
// `/layanan/akta-kelahiran` and that draft's form.
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { startInProcessServer } from '../support/app-server.ts';
import { assertChromium, openProfile } from '../support/browser.ts';
import { DIST, tempDir } from '../support/server.ts';
import { HARBOUR_LINK } from './harbour.ts';
import { startSatelliteProxy } from './satellite-proxy.ts';
import { type Sizes, sizesOf } from './sizes.ts';

const WAIT_MS = 60_000;
const SERVICE = 'akta-kelahiran';
const INSTALL_WAIT_MS = 180_000;
const SYNCED_AT_KEY = 'nusa-layan.catalogue.syncedAt';

export type RouteFigures = {
  route: string;
  label: string;
  files: string[];
  js: Sizes;
  /** Waves of script loading, one after another, before the route was usable. */
  waves: number;
};

/** What makes a route usable: each selector matches at least `min` elements (the first with `text`). */
type Ready = Array<{ selector: string; min?: number; text?: string }>;

const SERVICE_NAME = SEED_SERVICES.find((s) => s.id === SERVICE)?.name.id ?? '';
const READY: Record<string, Ready> = {
  home: [{ selector: 'main h1' }, { selector: '.entries a' }],
  list: [{ selector: '.service-list .card', min: SEED_SERVICES.length }, { selector: 'input[type=search]' }],
  service: [{ selector: 'main h1', text: SERVICE_NAME }, { selector: `a[href="/permohonan/baru/${SERVICE}"]` }],
  form: [{ selector: '.application input' }],
};

/**
 * Runs in every document before the app: the first instant each READY condition holds, checked on
 * every DOM change. A string, not a function: tsx would wrap named functions in a helper the page lacks.
 */
const PROBE = `(() => {
  const ready = ${JSON.stringify(READY)};
  const at = {};
  window.__routeReady = at;
  const observer = new MutationObserver(() => {
    for (const [name, conditions] of Object.entries(ready)) {
      if (at[name] !== undefined) continue;
      const holds = conditions.every((c) => {
        const found = document.querySelectorAll(c.selector);
        return found.length >= (c.min ?? 1) && (c.text === undefined || found[0].textContent === c.text);
      });
      if (holds) at[name] = performance.now();
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
})();`;

type Script = { path: string; startTime: number; responseEnd: number };

/** Waits until the route is usable; returns the /assets/*.js requests made until then. */
async function scriptsUntil(page: Page, ready: keyof typeof READY): Promise<Script[]> {
  const at = await page.waitForFunction(
    (name) => (window as unknown as { __routeReady: Record<string, number> }).__routeReady[name],
    ready,
    { timeout: WAIT_MS },
  );
  const until = (await at.jsonValue()) as number;
  return page.evaluate(
    (until) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime <= until && /^\/assets\/.+\.js$/.test(new URL(e.name).pathname))
        .map((e) => ({
          path: new URL(e.name).pathname.slice(1),
          startTime: e.startTime,
          responseEnd: (e as PerformanceResourceTiming).responseEnd,
        })),
    until,
  );
}

/** Waves of loading: a script requested after others had arrived is one wave below the deepest of them. */
export function waves(scripts: readonly Script[]): number {
  const sorted = [...scripts].sort((a, b) => a.startTime - b.startTime);
  const wave: number[] = [];
  sorted.forEach((s, i) => {
    let before = 0;
    for (let j = 0; j < i; j++) if (sorted[j]!.responseEnd <= s.startTime) before = Math.max(before, wave[j]!);
    wave.push(before + 1);
  });
  return Math.max(0, ...wave);
}

async function figures(route: string, label: string, scripts: Script[]): Promise<RouteFigures> {
  const files = [...new Set(scripts.map((s) => s.path))].sort();
  return { route, label, files, js: await sizesOf(files.map((f) => join(DIST, f))), waves: waves(scripts) };
}

export async function measureRoutes(): Promise<RouteFigures[]> {
  assertChromium();
  if (!SERVICE_NAME) throw new Error(`no ${SERVICE} in the seed`);
  const server = await startInProcessServer({ seed: true });
  const { hostname, port } = new URL(server.url);
  const proxy = await startSatelliteProxy({ host: hostname, port: Number(port) }, HARBOUR_LINK);
  const dir = await tempDir('nusa-layan-bench-routes-');
  const fresh = await tempDir('nusa-layan-bench-routes-');
  try {
    const out: RouteFigures[] = [];
    {
      const context = await openProfile(fresh);
      try {
        await context.addInitScript({ content: PROBE });
        const page = context.pages()[0] ?? (await context.newPage());
        await page.goto(`${proxy.url}/layanan`, { waitUntil: 'commit' });
        out.push(await figures('/layanan', 'first visit', await scriptsUntil(page, 'list')));
      } finally {
        await context.close();
      }
    }
    const form = await installDeviceWithDraft(dir, proxy.url);
    const context = await openProfile(dir, { serviceWorkers: 'block' });
    try {
      await context.addInitScript({ content: PROBE });
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      const visits: Array<[string, string, keyof typeof READY]> = [
        ['/', '/', 'home'],
        ['/layanan', '/layanan', 'list'],
        [`/layanan/${SERVICE}`, `/layanan/${SERVICE}`, 'service'],
        [form, '/permohonan/<id>', 'form'],
      ];
      for (const [path, shown, ready] of visits) {
        await page.goto(`${proxy.url}${path}`, { waitUntil: 'commit' });
        out.push(await figures(shown, 'data on the device', await scriptsUntil(page, ready)));
      }
    } finally {
      await context.close();
    }
    return out;
  } finally {
    await proxy.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
    await rm(fresh, { recursive: true, force: true });
  }
}

/**
 * A device holding the catalogue and one draft of SERVICE, installed over the link at `origin`
 * (the service worker and the catalogue take their time there); its service worker and caches are
 * then cleared, so the data stays and the code must come from the server again. Returns the draft's
 * path. The peers bench sets up its Nusa Layan device the same way.
 */
export async function installDeviceWithDraft(
  dir: string,
  origin: string,
  viewport?: { width: number; height: number },
): Promise<string> {
  const context = await openProfile(dir, { viewport });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${origin}/layanan`, { waitUntil: 'commit' });
    await page.waitForFunction(
      (key) => navigator.serviceWorker.controller !== null && localStorage.getItem(key) !== null,
      SYNCED_AT_KEY,
      { timeout: INSTALL_WAIT_MS, polling: 200 },
    );
    await page.goto(`${origin}/permohonan/baru/${SERVICE}`);
    await page.getByRole('button', { name: 'Mulai mengisi' }).click({ timeout: WAIT_MS });
    await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/, { timeout: WAIT_MS });
    const form = new URL(page.url()).pathname;
    const cdp = await context.newCDPSession(page);
    await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
    return form;
  } finally {
    await context.close();
  }
}
