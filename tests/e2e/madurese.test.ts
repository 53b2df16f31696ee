// Bahasa Madura in Chromium: a resident picks "Basa Madhura" on the home screen and reads the home,
// the catalogue, a service page and the kiosk in Madurese; what the Madurese files lack (the service
// standard's internal part, the catalogue's content) shows in Indonesian; the choice survives a
// reload; the back office, which has no Madurese, is Indonesian and does not offer it.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import core from '../../src/app/i18n/messages/core/id.json';
import coreMad from '../../src/app/i18n/messages/core/mad.json';
import kioskMad from '../../src/app/i18n/messages/kiosk/mad.json';
import office from '../../src/app/office/i18n/messages/office/id.json';
import { SEED_SERVICES } from '../../src/server/catalogue/seed/services.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, openProfile } from '../support/browser.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;
let page: Page;

const h1 = () => page.getByRole('heading', { level: 1 });
const htmlLang = () => page.evaluate(() => document.documentElement.lang); // set in an effect after render
const BIRTH = SEED_SERVICES.find((s) => s.id === 'akta-kelahiran')!;

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  page = context.pages()[0] ?? (await context.newPage());
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('Bahasa Madura', () => {
  it('is chosen on the home screen under its own name and shows the home in Madurese', async () => {
    await page.goto(`${server.url}/`);
    await expect.poll(() => h1().textContent()).toBe(core['home.title']);
    const select = page.getByLabel(core['lang.label']);
    expect(await select.locator('option[value="mad"]').textContent()).toBe('Basa Madhura');
    await select.selectOption({ label: 'Basa Madhura' });

    await expect.poll(() => h1().textContent()).toBe(coreMad['home.title']);
    expect(coreMad['home.title']).toBe('Salamet dhâteng ka Nusa Layan');
    await expect.poll(htmlLang).toBe('mad');
    await expect.poll(() => page.getByRole('link', { name: coreMad['home.track.title'] }).count()).toBe(1);
    expect(await page.getByLabel(coreMad['lang.label']).inputValue()).toBe('mad');
    await expectAccessible(page, 'home in Madurese');
  });

  it('shows the catalogue in Madurese, with the services named as the catalogue names them', async () => {
    await page.goto(`${server.url}/layanan`);
    await expect.poll(() => h1().textContent()).toBe(coreMad['catalogue.title']);
    await expect.poll(() => page.getByLabel(coreMad['catalogue.search']).count()).toBe(1);
    await expect
      .poll(() => page.locator('.service-list .card__title').allTextContents(), { timeout: 30_000 })
      .toContain(BIRTH.name.id); // the catalogue has no Madurese: its Indonesian content stands in
    await expect.poll(htmlLang).toBe('mad');
    await expectAccessible(page, 'catalogue in Madurese');
  });

  it('shows a service page in Madurese, a text Madurese lacks in Indonesian, and keeps it across a reload', async () => {
    await page.goto(`${server.url}/layanan/${BIRTH.id}`);
    await expect.poll(() => h1().textContent(), { timeout: 30_000 }).toBe(BIRTH.name.id);
    const madurese = async () => {
      await expect.poll(() => page.locator('#req-title').textContent()).toBe(coreMad['service.requirements']);
      await expect.poll(() => page.getByRole('link', { name: coreMad['service.apply'] }).count()).toBe(1);
      // Not in mad.json (for officers): the Indonesian text, not the key.
      expect(coreMad).not.toHaveProperty('internal.title');
      await expect.poll(() => page.locator('summary', { hasText: core['internal.title'] }).count()).toBe(1);
      await expect.poll(htmlLang).toBe('mad');
    };
    await madurese();
    await expectAccessible(page, 'service page in Madurese');

    await page.reload();
    await expect.poll(() => h1().textContent(), { timeout: 30_000 }).toBe(BIRTH.name.id);
    await madurese();
    expect(await page.getByLabel(coreMad['lang.label']).inputValue()).toBe('mad');
  });

  it('shows the kiosk in Madurese', async () => {
    await page.goto(`${server.url}/kios`);
    await expect.poll(() => h1().textContent()).toBe(kioskMad['kiosk.notEnrolled.title']);
    await expect.poll(htmlLang).toBe('mad');
    await expectAccessible(page, 'kiosk in Madurese');
  });

  it('leaves the back office in Indonesian without offering Madurese, and keeps the choice for residents', async () => {
    await page.goto(`${server.url}/petugas/masuk`);
    await expect.poll(() => h1().textContent()).toBe(office['office.login.title']);
    await expect.poll(htmlLang).toBe('id');
    const select = page.getByLabel(core['lang.label']);
    expect(await select.inputValue()).toBe('id');
    expect(await select.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([
      'id',
      'en',
    ]);
    await expectAccessible(page, 'office sign-in with Madurese chosen');

    await page.goto(`${server.url}/`);
    await expect.poll(() => h1().textContent()).toBe(coreMad['home.title']);
  });

  it('fits the app bar of a 360 px phone in Madurese, with or without signal', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto(`${server.url}/`);
    await expect.poll(() => h1().textContent()).toBe(coreMad['home.title']);
    for (const offline of [false, true]) {
      await context.setOffline(offline);
      const word = coreMad[offline ? 'conn.offline' : 'conn.online'];
      await expect.poll(() => page.locator('.header .conn').textContent()).toContain(word);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      const select = await page.getByLabel(coreMad['lang.label']).boundingBox();
      expect(select!.height).toBeGreaterThanOrEqual(44);
      expect(select!.x + select!.width).toBeLessThanOrEqual(360);
    }
    await context.setOffline(false);
    await expectAccessible(page, 'home in Madurese at 360 px');
  });
});
