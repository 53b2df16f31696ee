// The harbour visit (issue 14), in real Chromium on a cheap phone through the project's own emulated
// satellite link: 1 Mbit/s each way, 600 ms round trip (one more per new connection), a 360 × 740
// viewport and the CPU slowed 4× through the DevTools protocol. Each run takes a fresh profile:
//   first-visit usable        navigation to /layanan → every seed service is listed and the search
//                             field has taken a keystroke (its input handler ran);
//   first-visit offline-ready navigation → the service worker controls the page and the app has
//                             stored the catalogue (it stamps syncedAt only once every collection is
//                             on the device), whichever comes last;
//   reopen offline cold       the browser closed and started again with no signal (the link gone,
//                             the browser offline, so the service worker is not running), /layanan
//                             opened → listed and a keystroke taken, as on the first visit.
// The reopen doubles as the proof of "offline-ready": it fails when the device cannot show the list.
// Times are read in the page (performance.now(), relative to navigation start); the keystroke is sent
// by the driver as soon as it sees the list, so the figure includes that small driver latency.
import { rm } from 'node:fs/promises';
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { startInProcessServer } from '../support/app-server.ts';
import { assertChromium, openProfile } from '../support/browser.ts';
import { tempDir } from '../support/server.ts';
import { type LinkProfile, startSatelliteProxy } from './satellite-proxy.ts';
import { type Timing, timing } from './stats.ts';

/** The link of the measurement: a harbour's shared satellite modem. */
export const HARBOUR_LINK: LinkProfile = {
  upBitsPerSecond: 1_000_000,
  downBitsPerSecond: 1_000_000,
  rttMs: 600,
  cutAfterBytes: Number.POSITIVE_INFINITY,
};
export const PHONE_VIEWPORT = { width: 360, height: 740 };
export const CPU_SLOWDOWN = 4;
export const HARBOUR_RUNS = 5;
export const GOALS = { firstVisitUsableMs: 5_000, offlineReadyMs: 15_000, reopenOfflineMs: 1_000 } as const;

const SYNCED_AT_KEY = 'nusa-layan.catalogue.syncedAt';
const CARDS = '.service-list .card';
const SEARCH = 'input[type=search]';
const WAIT_MS = 180_000;

/**
 * Runs in every document before the app: records when the list is complete, when the search field's
 * input handler first runs, and when a service worker takes control. A string, not a function: tsx
 * would wrap named functions in a helper the page lacks.
 */
const PROBE = `(() => {
  const marks = {};
  window.__harbour = marks;
  const cards = ${SEED_SERVICES.length};
  navigator.serviceWorker?.addEventListener('controllerchange', () => { marks.controlledAt ??= performance.now(); });
  document.addEventListener('input', (e) => {
    if (e.target instanceof HTMLInputElement && e.target.matches(${JSON.stringify(SEARCH)})) marks.keyAt ??= performance.now();
  }, true);
  const observer = new MutationObserver(() => {
    if (document.querySelectorAll(${JSON.stringify(CARDS)}).length >= cards && document.querySelector(${JSON.stringify(SEARCH)})) {
      marks.listedAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

type Marks = { controlledAt?: number; keyAt?: number; listedAt?: number };

export type HarbourRun = {
  firstVisit: { listedMs: number; usableMs: number; controlledMs: number; syncedMs: number; offlineReadyMs: number };
  reopen: { listedMs: number; usableMs: number; servedByServiceWorker: boolean };
  link: { connections: number; downBytes: number; upBytes: number };
};

export type HarbourResult = {
  runs: HarbourRun[];
  firstVisitUsable: Timing;
  offlineReady: Timing;
  reopenOfflineCold: Timing;
  goals: typeof GOALS;
  pass: { firstVisitUsable: boolean; offlineReady: boolean; reopenOfflineCold: boolean };
};

/** A phone: the profile at 360 × 740 with the probe installed; the CPU slowdown is set per page. */
async function openPhone(
  dir: string,
  offline: boolean,
): Promise<{ context: BrowserContext; page: Page; cdp: CDPSession }> {
  const context = await openProfile(dir, { offline, viewport: PHONE_VIEWPORT });
  await context.addInitScript({ content: PROBE });
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  return { context, page, cdp };
}

const marks = (page: Page) => page.evaluate(() => (window as unknown as { __harbour: Marks }).__harbour);

/** A value of the page's main world, through the DevTools protocol alone. */
async function evaluate<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
  return result.value as T;
}

async function until(cdp: CDPSession, expression: string): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  while (!(await evaluate<boolean>(cdp, expression))) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * Waits for the whole list, types one key into the search field and returns the page's marks. Driven
 * through the DevTools protocol, not Playwright's locators: on a 4× slowed CPU those first compile
 * and run Playwright's own script in the new document, which alone put ~0.5 s between a bare page's
 * list and its key (see `measureDriverFloor`).
 */
async function listedAndTyped(cdp: CDPSession): Promise<{ listedMs: number; usableMs: number }> {
  await until(cdp, 'window.__harbour?.listedAt !== undefined');
  await evaluate(cdp, `document.querySelector(${JSON.stringify(SEARCH)}).focus()`);
  const key = { key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: 'a', unmodifiedText: 'a', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await until(cdp, 'window.__harbour.keyAt !== undefined');
  const m = await evaluate<Marks>(cdp, '({ ...window.__harbour })');
  if (m.listedAt === undefined || m.keyAt === undefined) throw new Error('the probe missed the list or the key');
  return { listedMs: m.listedAt, usableMs: Math.max(m.listedAt, m.keyAt) };
}

/**
 * The same driver on a bare page (the list's cards and the search field as plain HTML, no script,
 * another origin) in a fresh browser with the CPU slowed alike: how long after the list the key
 * lands when nothing of the app is in the way. Printed beside the reopen.
 */
export async function measureDriverFloor(runs = HARBOUR_RUNS): Promise<Timing> {
  const cards = SEED_SERVICES.map((s) => `<li class="card"><a href="/layanan/${s.id}">${s.id}</a></li>`).join('');
  const html = `<!doctype html><html lang="id"><meta name="viewport" content="width=device-width"><title>floor</title>
<input type="search" aria-label="Cari"><ul class="service-list">${cards}</ul></html>`;
  const lags: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = await tempDir('nusa-layan-bench-floor-');
    try {
      const { context, page, cdp } = await openPhone(dir, false);
      try {
        const url = 'http://localhost:9/driver-floor';
        await page.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
        await page.goto(url, { waitUntil: 'commit', timeout: WAIT_MS });
        const m = await listedAndTyped(cdp);
        lags.push(m.usableMs - m.listedMs);
      } finally {
        await context.close();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }
  return timing(lags);
}

async function oneRun(origin: { host: string; port: number }): Promise<HarbourRun> {
  const dir = await tempDir('nusa-layan-bench-harbour-');
  const proxy = await startSatelliteProxy(origin, HARBOUR_LINK);
  let proxyOpen = true;
  try {
    let firstVisit: HarbourRun['firstVisit'];
    let link: HarbourRun['link'];
    {
      const { context, page, cdp } = await openPhone(dir, false);
      try {
        await page.goto(`${proxy.url}/layanan`, { waitUntil: 'commit', timeout: WAIT_MS });
        const usable = await listedAndTyped(cdp);
        await page.waitForFunction(
          (key) =>
            (window as unknown as { __harbour: Marks }).__harbour.controlledAt !== undefined &&
            localStorage.getItem(key) !== null,
          SYNCED_AT_KEY,
          { timeout: WAIT_MS, polling: 100 },
        );
        const m = await marks(page);
        const { syncedAt, timeOrigin } = await page.evaluate((key) => {
          return { syncedAt: localStorage.getItem(key) ?? '', timeOrigin: performance.timeOrigin };
        }, SYNCED_AT_KEY);
        const syncedMs = Date.parse(syncedAt) - timeOrigin;
        const controlledMs = m.controlledAt ?? Number.NaN;
        firstVisit = { ...usable, controlledMs, syncedMs, offlineReadyMs: Math.max(controlledMs, syncedMs) };
        link = { connections: proxy.stats.connections, downBytes: proxy.stats.downBytes, upBytes: proxy.stats.upBytes };
      } finally {
        await context.close();
      }
    }
    // No signal: the link is gone (connections refused) and the browser knows it is offline.
    await proxy.close();
    proxyOpen = false;
    const { context, page, cdp } = await openPhone(dir, true);
    try {
      const res = await page.goto(`${proxy.url}/layanan`, { waitUntil: 'commit', timeout: WAIT_MS });
      const usable = await listedAndTyped(cdp);
      return { firstVisit, reopen: { ...usable, servedByServiceWorker: res?.fromServiceWorker() ?? false }, link };
    } finally {
      await context.close();
    }
  } finally {
    if (proxyOpen) await proxy.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/** `staticDir` serves another build than dist/ (an A/B of two builds, see /work notes). */
export async function measureHarbour(runs = HARBOUR_RUNS, staticDir?: string): Promise<HarbourResult> {
  assertChromium();
  const server = await startInProcessServer({ seed: true, staticDir });
  try {
    const { hostname, port } = new URL(server.url);
    const all: HarbourRun[] = [];
    for (let i = 0; i < runs; i++) all.push(await oneRun({ host: hostname, port: Number(port) }));
    const firstVisitUsable = timing(all.map((r) => r.firstVisit.usableMs));
    const offlineReady = timing(all.map((r) => r.firstVisit.offlineReadyMs));
    const reopenOfflineCold = timing(all.map((r) => r.reopen.usableMs));
    return {
      runs: all,
      firstVisitUsable,
      offlineReady,
      reopenOfflineCold,
      goals: GOALS,
      pass: {
        firstVisitUsable: firstVisitUsable.medianMs <= GOALS.firstVisitUsableMs,
        offlineReady: offlineReady.medianMs <= GOALS.offlineReadyMs,
        reopenOfflineCold: reopenOfflineCold.medianMs <= GOALS.reopenOfflineMs,
      },
    };
  } finally {
    await server.close();
  }
}
