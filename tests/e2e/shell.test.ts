// The installed app shell in real Chromium, served by the real server: the service worker takes
// control, Chrome finds the app installable, and the shell, its routes and the language switch work
// offline — after a reload and after the browser is closed and opened again on the same profile.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectAccessible,
  installabilityErrors,
  openProfile,
  waitForServiceWorkerControl,
} from '../support/browser.ts';
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

const heading = (page: Page) => page.getByRole('heading', { level: 1 });
const connectivity = (page: Page) => page.locator('.conn__text');

describe('app shell in Chromium', () => {
  it('is installable and controlled by its service worker on the first visit', async () => {
    context = await openProfile(profileDir);
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));

    await page.goto(server.url);
    await expect.poll(() => heading(page).textContent()).toBe('Selamat datang di Nusa Layan');
    await waitForServiceWorkerControl(page);
    expect(await installabilityErrors(page)).toEqual([]);

    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel=manifest]')!.href;
      return (await fetch(href)).json() as Promise<{
        name: string;
        lang: string;
        display: string;
        icons: { sizes: string; purpose?: string }[];
      }>;
    });
    expect(manifest).toMatchObject({ name: 'Nusa Layan', lang: 'id', display: 'standalone' });
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);

    await expect.poll(() => connectivity(page).textContent()).toBe('Terhubung');
    await expectAccessible(page, 'home (online)');
    expect(consoleErrors).toEqual([]); // e.g. a CSP violation would show here
  });

  it('reloads offline, shows it is offline, and navigates between real URLs', async () => {
    const page = context!.pages()[0]!;
    await context!.setOffline(true);
    const reloaded = await page.reload();
    expect(reloaded?.fromServiceWorker()).toBe(true);
    await expect.poll(() => heading(page).textContent()).toBe('Selamat datang di Nusa Layan');
    await expect.poll(() => connectivity(page).textContent()).toBe('Tanpa sinyal');

    await page.getByRole('link', { name: /Petugas lapangan/ }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/lapangan`);
    await expect.poll(() => heading(page).textContent()).toBe('Petugas lapangan');
    await expectAccessible(page, '/lapangan (offline)');

    // A deep link typed or reloaded offline is answered by the service worker with the shell.
    expect((await page.goto(`${server.url}/kios`))?.fromServiceWorker()).toBe(true);
    await expect.poll(() => heading(page).textContent()).toBe('Tablet ini belum didaftarkan sebagai kios'); // an unenrolled tablet explains how to enrol
    await page.goto(`${server.url}/tidak-ada`);
    await expect.poll(() => heading(page).textContent()).toBe('Halaman tidak ditemukan');
    await expectAccessible(page, 'not found (offline)');
  });

  it('switches language offline and keeps the choice across a reload', async () => {
    const page = context!.pages()[0]!;
    await page.goto(`${server.url}/`);
    await page.getByLabel('Bahasa').selectOption('en');
    await expect.poll(() => heading(page).textContent()).toBe('Welcome to Nusa Layan');
    await expect.poll(() => connectivity(page).textContent()).toBe('Offline');
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en'); // set in an effect after render
    await expectAccessible(page, 'home in English (offline)');

    await page.reload();
    await expect.poll(() => heading(page).textContent()).toBe('Welcome to Nusa Layan');
    expect(await page.getByLabel('Language').inputValue()).toBe('en');
  });

  it('opens offline after the browser is closed, in the language chosen last', async () => {
    await context!.close();
    context = await openProfile(profileDir, { offline: true });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/petugas`);
    await expect.poll(() => heading(page).textContent()).toBe('Service office');
    await expect.poll(() => connectivity(page).textContent()).toBe('Offline');

    await page.getByLabel('Language').selectOption('id');
    await expect.poll(() => heading(page).textContent()).toBe('Kantor layanan');

    // Coming back online is shown without a reload.
    await context.setOffline(false);
    await expect.poll(() => connectivity(page).textContent()).toBe('Terhubung');
  });

  it('on a 360 px phone: a one-row bar, search and tracking on the home screen, the resident navigation at hand', async () => {
    const page = context!.pages()[0]!;
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/`);
    await expect.poll(() => heading(page).textContent()).toBe('Selamat datang di Nusa Layan');
    const bar = await page.locator('header.header').boundingBox();
    expect(bar!.height).toBeLessThanOrEqual(72); // one row: it took three (164 px, 22 % of the screen)
    expect(await page.getByRole('link', { name: 'Nusa Layan' }).count()).toBe(1); // named for screen readers

    // What residents come for is on the first screen, before any officer's entry.
    for (const name of [/^Lacak permohonan/, /^Permohonan saya/]) {
      const box = await page.getByRole('main').getByRole('link', { name }).boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(740);
    }
    const staff = await page.getByRole('link', { name: /^Petugas lapangan/ }).boundingBox();
    const track = await page
      .getByRole('main')
      .getByRole('link', { name: /^Lacak permohonan/ })
      .boundingBox();
    expect(staff!.y).toBeGreaterThan(track!.y);

    // The home search opens the catalogue with the answer first.
    await page.getByLabel('Cari layanan: apa yang ingin Anda urus?').fill('kelahiran anak');
    await page.getByRole('button', { name: 'Cari' }).click();
    await page.waitForURL(/\/layanan\?q=kelahiran(%20|\+)anak$/);
    await expect.poll(() => page.locator('.service-list .card__title').first().textContent()).toBe('Akta kelahiran');

    // The resident navigation: on resident screens, marking where one is; not on officers' screens.
    const nav = page.getByRole('navigation', { name: 'Navigasi utama' });
    await expect.poll(() => nav.getByRole('link', { name: 'Layanan' }).getAttribute('aria-current')).toBe('page');
    await nav.getByRole('link', { name: 'Lacak' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Lacak permohonan');
    await nav.getByRole('link', { name: 'Permohonan' }).click();
    await expect.poll(() => heading(page).textContent()).toBe('Permohonan saya');
    expect(await nav.getByRole('link', { name: 'Permohonan' }).getAttribute('aria-current')).toBe('page');
    for (const path of [
      '/',
      '/layanan',
      '/layanan/akta-kelahiran',
      '/kantor/disdukcapil-sumenep',
      '/permohonan',
      '/lacak',
      '/pengaduan',
    ]) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => nav.count()).toBe(1);
      // Nothing wider than the phone, and every control of the bar and the navigation a thumb's size.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const small = await page.evaluate(
        () =>
          [...document.querySelectorAll('header a:not(.skip), header select, .bottom-nav a')]
            .map((e) => e.getBoundingClientRect())
            .filter((r) => r.width < 44 || r.height < 44).length,
      );
      expect(small).toBe(0);
      await expectAccessible(page, `${path} at 360 px`);
    }
    for (const [path, title] of [
      ['/lapangan', 'Petugas lapangan'],
      ['/petugas', /^(Masuk petugas|Kantor layanan)$/],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await expect.poll(() => heading(page).textContent()).toMatch(title);
      expect(await nav.count()).toBe(0);
    }

    // The bar keeps one height with signal or without, in every language: nothing under it moves
    // when the connection changes, or when the app takes the place of a cold start's copy.
    await page.goto(`${server.url}/layanan`);
    const heights: Record<string, number> = {};
    for (const lang of ['id', 'en', 'mad']) {
      await page.locator('#lang-select').selectOption(lang);
      for (const offline of [false, true]) {
        await page.context().setOffline(offline);
        await expect.poll(() => page.locator('.conn').getAttribute('data-online')).toBe(String(!offline));
        heights[`${lang} ${offline ? 'offline' : 'online'}`] = (await page
          .locator('header.header')
          .boundingBox())!.height;
      }
      await page.context().setOffline(false);
    }
    await page.locator('#lang-select').selectOption('id');
    expect(new Set(Object.values(heights)).size, JSON.stringify(heights)).toBe(1);
  });
});
