// A new version of the app reaches an installed device: the waiting service worker is announced
// with "Versi baru tersedia", nothing reloads by itself, and the new version takes over on the tap.
import { appendFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openProfile, waitForServiceWorkerControl } from '../support/browser.ts';
import { DIST, type RunningServer, startServer, tempDir } from '../support/server.ts';
import { watchServiceWorkers } from '../support/worker-timeline.ts';

let server: RunningServer;
let staticDir: string;
let dataDir: string;
let profileDir: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  // A copy of the build that the test can turn into "the next version".
  staticDir = await tempDir('nusa-build-');
  await cp(DIST, staticDir, { recursive: true });
  dataDir = await tempDir();
  profileDir = await tempDir('nusa-profile-');
  server = await startServer({ DATA_DIR: dataDir, STATIC_DIR: staticDir });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  for (const d of [staticDir, dataDir, profileDir]) await rm(d, { recursive: true, force: true });
});

it('announces a waiting version and activates it only when the user taps', async () => {
  context = await openProfile(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  const timeline = await watchServiceWorkers(page, 'tab');
  await page.goto(server.url);
  await waitForServiceWorkerControl(page);
  const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
  const banner = page.getByText('Versi baru tersedia');
  expect(await banner.count()).toBe(0);

  // The user is in the middle of something: this marker would vanish on any reload.
  await page.evaluate(() => ((window as unknown as { unsaved: string }).unsaved = 'typing'));

  // Deploy a new version (a byte-different service worker), and let the browser look for it.
  await deployRelease(page, 'next release');

  await banner.waitFor({ state: 'visible', timeout: 30_000 });
  expect(await hasWaitingVersion(page)).toBe(true);
  await page.waitForTimeout(1500);
  expect(await page.evaluate(() => (window as unknown as { unsaved?: string }).unsaved)).toBe('typing');

  // "Nanti" hides the banner without activating anything.
  await page.getByRole('button', { name: 'Nanti' }).click();
  expect(await banner.count()).toBe(0);
  expect(await hasWaitingVersion(page)).toBe(true);

  // On the next launch the banner is back; this time the user taps "Perbarui sekarang".
  await page.reload();
  await banner.waitFor({ state: 'visible', timeout: 30_000 });
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
  await timeline.explain(reloaded);
  await expect.poll(() => hasWaitingVersion(page)).toBe(false);
  expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
  expect(await banner.count()).toBe(0);
  expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Selamat datang di Nusa Layan');
});

it('updates a second tab whose banner outlived the update another tab applied', async () => {
  // Both tabs announce the next version; the user taps in the first, then in the second, which by
  // then runs under the new worker already: its tap must still give it the new version.
  const { first, other: second, timelines } = await openSecondTab('second tab');
  await deployRelease(first, 'the release after');
  for (const page of [first, second])
    await page.getByText('Versi baru tersedia').waitFor({ state: 'visible', timeout: 30_000 });
  const firstReloaded = first.waitForEvent('load');
  await first.getByRole('button', { name: 'Perbarui sekarang' }).click();
  await timelines[0]!.explain(firstReloaded);
  await expect.poll(() => hasWaitingVersion(second)).toBe(false);
  const secondReloaded = second.waitForEvent('load', { timeout: 15_000 });
  await second.getByRole('button', { name: 'Perbarui sekarang' }).click();
  await timelines[1]!.explain(secondReloaded);
  await second.getByRole('heading', { level: 1 }).waitFor();
  expect(await second.getByText('Versi baru tersedia').count()).toBe(0);
  await second.close();
});

it('takes over on the tap while another tab keeps fetching', async () => {
  // Chromium restarts the old worker when a fetch reaches it while it stops for the swap, and then
  // waits for it to idle 30 s (or 5 minutes): a busy tab held the tapped update back that long.
  const { first, other: busy, timelines } = await openSecondTab('busy tab');
  await busy.evaluate(() => {
    navigator.serviceWorker.addEventListener('controllerchange', () => {
      (window as unknown as { swapped: boolean }).swapped = true;
    });
    const polling = async () => {
      for (;;) {
        await fetch('/manifest.webmanifest').catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    };
    // Three at once, so a fetch reaches the old worker in its every stop: one alone misses some.
    for (let i = 0; i < 3; i++) void polling();
  });
  await deployRelease(first, 'a release while a tab is busy');
  await first.getByText('Versi baru tersedia').waitFor({ state: 'visible', timeout: 30_000 });
  // Without the nudges no reload came within 60 s (it came after 300 s, Chromium's limit for an old
  // worker that keeps working); with them, 1-6 s here.
  const reloaded = first.waitForEvent('load', { timeout: 30_000 });
  await first.getByRole('button', { name: 'Perbarui sekarang' }).click();
  await timelines[0]!.explain(reloaded);
  // The busy tab runs under the new worker too, and nothing waits any more.
  await expect.poll(() => busy.evaluate(() => (window as unknown as { swapped?: boolean }).swapped)).toBe(true);
  expect(await hasWaitingVersion(busy)).toBe(false);
  expect(await first.getByText('Versi baru tersedia').count()).toBe(0);
  await busy.close();
});

/** The tab the earlier tests left, and another one opened on the app, both watched. */
async function openSecondTab(name: string) {
  const first = context!.pages()[0]!;
  const other = await context!.newPage();
  const timelines = [await watchServiceWorkers(first, 'first tab'), await watchServiceWorkers(other, name)];
  await other.goto(server.url);
  await waitForServiceWorkerControl(other);
  return { first, other, timelines };
}

/** A byte-different service worker on the server, and the browser told to look for it. */
async function deployRelease(page: Page, note: string): Promise<void> {
  await appendFile(join(staticDir, 'sw.js'), `\n// ${note}\n`);
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
}

/** Whether a new version waits in the registration `page` sees. */
function hasWaitingVersion(page: Page): Promise<boolean> {
  return page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.waiting)));
}
