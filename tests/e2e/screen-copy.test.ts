// Issue 14, the cold reopen: with no signal and the browser just started, the service worker answers
// /layanan with the shell and the list's last look in it, so the list and its search field are there
// before the app's code has run; the app then takes over without losing what the resident typed.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { CONTENT_SECURITY_POLICY } from '../../src/server/http/security.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { DIST, type RunningServer, startServer, tempDir } from '../support/server.ts';

let server: RunningServer;
let profileDir: string;
let dataDir: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!existsSync(join(DIST, 'index.html')))
    throw new Error('No build in dist/: run `npm run build` first (npm test does).');
  dataDir = await tempDir();
  profileDir = await tempDir('nusa-profile-');
  server = await startServer({ DATA_DIR: dataDir });
});

afterAll(async () => {
  await context?.close();
  await server?.stop();
  await rm(profileDir, { recursive: true, force: true });
  await rm(dataDir, { recursive: true, force: true });
});

const PHONE = { width: 360, height: 740 };

/**
 * Types into the copy's search field at the one moment the app's code cannot have run yet: when
 * parsing ends (readyState "interactive"), module scripts still wait to run. A string, not a
 * function: tsx would wrap named functions in a helper the page lacks.
 */
const TYPE_BEFORE_THE_APP = `document.addEventListener('readystatechange', () => {
  if (document.readyState !== 'interactive') return;
  const field = document.querySelector('#app-copy input[type=search]');
  window.__typedInCopy = field !== null;
  if (!field) return;
  field.focus();
  field.value = 'akta';
  // On the list, the filters are unfolded too; on home, the language is chosen: neither may be lost.
  const filters = document.querySelector('#app-copy details.filters__more');
  if (filters) filters.open = true;
  const lang = document.querySelector('#app-copy #lang-select');
  if (lang && location.pathname === '/') lang.value = 'en';
});`;

/** The HTML of the copy the page keeps of `path`, or null when it keeps none. */
const storedCopy = (page: Page, path: string) =>
  page.evaluate(async (p) => {
    const cache = await caches.open('nusa-layan-screen-copies');
    return (await (await cache.match(`/__screen-copy${p}`))?.text()) ?? null;
  }, path);
const copyStored = async (page: Page, path: string) => (await storedCopy(page, path)) !== null;

describe('cold reopen with no signal', () => {
  it('keeps the look of home and the list after a first visit', async () => {
    context = await openProfile(profileDir, { viewport: PHONE });
    const page = context.pages()[0] ?? (await context.newPage());
    await installApp(page, server.url);
    await page
      .locator('.service-list .card')
      .nth(SEED_SERVICES.length - 1)
      .waitFor();
    await expect.poll(() => copyStored(page, '/layanan'), { timeout: 20_000 }).toBe(true);
    // A filtered list is not what a cold start should show: the copy stays the whole list.
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => copyStored(page, '/'), { timeout: 20_000 }).toBe(true);
    await context.close();
    context = undefined;
  });

  it('keeps the whole list even when the resident searches the moment it is shown', async () => {
    const dir = await tempDir('nusa-profile-');
    const searcher = await openProfile(dir, { viewport: PHONE });
    try {
      // Types into the search field in the same task the list's last card appears: before any idle
      // moment, as a resident who came for one service does.
      await searcher.addInitScript({
        content: `new MutationObserver((_, observer) => {
          const field = document.querySelector('#app input[type=search]');
          if (document.querySelectorAll('.service-list .card').length < ${SEED_SERVICES.length} || !field) return;
          observer.disconnect();
          field.value = 'akta';
          field.dispatchEvent(new Event('input', { bubbles: true }));
        }).observe(document, { childList: true, subtree: true });`,
      });
      const page = searcher.pages()[0] ?? (await searcher.newPage());
      await installApp(page, server.url);
      await expect.poll(() => page.locator('.service-list .card').count()).toBeLessThan(SEED_SERVICES.length);
      await expect.poll(() => copyStored(page, '/layanan'), { timeout: 20_000 }).toBe(true);
      const html = (await storedCopy(page, '/layanan')) ?? '';
      const cards = await page.evaluate((copy) => {
        const doc = new DOMParser().parseFromString(copy, 'text/html');
        return {
          cards: doc.querySelectorAll('.service-list .card').length,
          search: doc.querySelector('input[type=search]')?.getAttribute('value') ?? '',
        };
      }, html);
      expect(cards).toEqual({ cards: SEED_SERVICES.length, search: '' });
    } finally {
      await searcher.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('shows the list from the copy and carries what was typed before the app started', async () => {
    context = await openProfile(profileDir, { offline: true, viewport: PHONE });
    await context.addInitScript({ content: TYPE_BEFORE_THE_APP });
    const page = context.pages()[0] ?? (await context.newPage());

    const res = await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
    expect(res?.fromServiceWorker()).toBe(true);
    const served = (await res?.text()) ?? '';
    expect(served).toContain('<div id="app-copy">');
    expect(served).not.toContain('<div id="app"');
    for (const s of SEED_SERVICES) expect(served).toContain(`href="/layanan/${s.id}"`);
    // The connection as it was when the copy was made would be a lie now: its box comes empty.
    expect(served).not.toContain('Terhubung');
    expect(res?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(res?.headers()['x-frame-options']).toBe('DENY');

    // The app takes over: one #app, visible, with the typed text in its own field, focused with the
    // caret where it was, and the list filtered through the app's own handler (the query in the address).
    await page.locator('#app-copy').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { __typedInCopy?: boolean }).__typedInCopy)).toBe(true);
    const search = page.locator('#app input[type=search]');
    await expect.poll(() => search.inputValue()).toBe('akta');
    expect(await search.evaluate((el: HTMLInputElement) => [el === document.activeElement, el.selectionStart])).toEqual(
      [true, 4],
    );
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('akta');
    await expect.poll(() => page.locator('.service-list .card').count()).toBeLessThan(SEED_SERVICES.length);
    const titles = await page.locator('.service-list .card__title').allTextContents();
    expect(titles).toEqual(expect.arrayContaining(['Akta kelahiran', 'Akta kematian']));
    expect(await page.locator('#main').count()).toBe(1);
    expect(await page.getByLabel('Pulau').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.conn__text').textContent()).toBe('Tanpa sinyal');
    await expectAccessible(page, 'list after the copy');
    // The page built from the shell keeps the shell's policy: no inline script runs in it.
    const inlineRan = await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
    });
    expect(inlineRan).toBe(false);
  });

  it('answers with the plain shell while the worker runs: a copy is for its cold start', async () => {
    const page = context!.pages()[0]!;
    const res = await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
    expect(res?.fromServiceWorker()).toBe(true);
    const served = (await res?.text()) ?? '';
    expect(served).toContain('<div id="app"></div>');
    expect(served).not.toContain('app-copy');
  });

  it('opens home from its copy and carries the search text and the language chosen in it', async () => {
    const page = await context!.newPage();
    // The phone stops the idle worker: the next navigation starts it afresh.
    const cdp = await context!.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    const res = await page.goto(`${server.url}/`, { waitUntil: 'commit' });
    expect(res?.fromServiceWorker()).toBe(true);
    expect((await res?.text()) ?? '').toContain('<div id="app-copy">');
    await page.locator('#app-copy').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => (window as unknown as { __typedInCopy?: boolean }).__typedInCopy)).toBe(true);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Welcome to Nusa Layan');
    expect(await page.locator('#home-search').inputValue()).toBe('akta');
    expect(await page.locator('#main').count()).toBe(1);
    // Sending the search goes to the filtered list, in the app.
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('akta');
  });

  it('starts the app behind the copy only once the resident pauses typing, then filters by what was typed', async () => {
    const page = await context!.newPage();
    const cdp = await context!.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
    const field = page.locator('#app-copy input[type=search]');
    await field.waitFor();
    await field.fill(''); // what the context's init script typed
    // A key every 150 ms for over a second: each one is shown at once by the copy's own field, and
    // the app's start (a long stretch of work on a slow phone) waits for the pause after the last.
    await field.pressSequentially('kelahiran', { delay: 150 });
    expect(await page.locator('#app-copy').count()).toBe(1);
    expect(await field.inputValue()).toBe('kelahiran');
    // What the catalogue notice said when the copy was kept ("not complete yet", "updated this
    // minute") may be false now: the copy keeps its space, not its words, until the app says it.
    const copiedNotice = page.locator('#app-copy .freshness');
    expect(await copiedNotice.count()).toBe(1);
    expect(await copiedNotice.isVisible()).toBe(false);
    const noticeBox = await copiedNotice.boundingBox();
    expect(noticeBox?.height).toBeGreaterThan(20);
    await page.locator('#app-copy').waitFor({ state: 'detached', timeout: 15_000 });
    await expect.poll(() => page.locator('#app input[type=search]').inputValue()).toBe('kelahiran');
    // Offline, the app's own notice is shown where the copy kept its space.
    const notice = page.locator('#app .freshness');
    expect(await notice.isVisible()).toBe(true);
    expect((await notice.boundingBox())?.y).toBe(noticeBox?.y);
    // (In English, chosen in the test before: the service's link says which it is.)
    await expect
      .poll(() => page.locator('.service-list a.card').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
      .toEqual(['/layanan/akta-kelahiran']);
  });

  it('keeps the list where the copy drew it when the app takes over, with signal or without', async () => {
    const dir = await tempDir('nusa-profile-');
    try {
      // The harbour visit: the catalogue's first sync completes with the list on screen ("saved for
      // use without signal"); the copy is kept again then, with the space of the age notice that
      // every later start shows.
      let phone = await openProfile(dir, { viewport: PHONE });
      const harbour = phone.pages()[0] ?? (await phone.newPage());
      await installApp(harbour, server.url);
      await harbour.locator('.freshness--saved').waitFor();
      const keptAge = async () => (await storedCopy(harbour, '/layanan'))?.includes('Data diperbarui') ?? false;
      await expect.poll(keptAge, { timeout: 20_000 }).toBe(true);
      await phone.close();

      // Where the copy drew the first service, read once the copy is laid out with its stylesheet.
      const COPY_Y = `addEventListener('load', () => {
        window.__copyY = document.querySelector('#app-copy .service-list .card')?.getBoundingClientRect().top;
      });`;
      // The first start after the visit with no signal, then one with signal, then none again (each
      // start's app keeps the copy again, with signal or without).
      for (const offline of [true, false, true]) {
        phone = await openProfile(dir, { offline, viewport: PHONE });
        try {
          await phone.addInitScript({ content: COPY_Y });
          const page = phone.pages()[0] ?? (await phone.newPage());
          await page.goto(`${server.url}/layanan`, { waitUntil: 'commit' });
          await page.locator('#app-copy').waitFor({ state: 'detached', timeout: 15_000 });
          await page.locator('#app .service-list .card').first().waitFor();
          const y = await page.evaluate(() => ({
            copy: (window as unknown as { __copyY?: number }).__copyY,
            app: document.querySelector('#app .service-list .card')?.getBoundingClientRect().top,
          }));
          expect(y.copy, 'the copy was shown and laid out').toBeGreaterThan(0);
          expect({ offline, y: y.app }).toEqual({ offline, y: y.copy });
          // The notice the copy kept the space of says how old the list is, with signal too.
          expect(await page.locator('#app .freshness').textContent()).toMatch(/^Data diperbarui /);
          // Time for the app to keep its own copy at idle, as a resident's phone has.
          await page.waitForTimeout(1_500);
        } finally {
          await phone.close();
        }
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
