// The design system's page (issue #18 point 1): the Vite dev server serves /_design with every token
// group and every component section, the real components rendered, each colour pair at AA, and the
// page passes axe at every impact; the production build has no trace of it, and the server answers
// /_design with the app's not-found screen.
import { readdir, readFile, rm } from 'node:fs/promises';
import { createServer as netServer } from 'node:net';
import { join, relative } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPONENTS } from '../../src/app/design/components-list.ts';
import { groupOf, readTokens, TOKEN_GROUPS } from '../../src/app/design/token-sheet.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, openProfile } from '../support/browser.ts';
import { DIST, ROOT, tempDir } from '../support/server.ts';

const dirs: string[] = [];
const contexts: BrowserContext[] = [];

async function freePort(): Promise<number> {
  const server = netServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function browserPage(viewport = { width: 1280, height: 900 }): Promise<Page> {
  const dir = await tempDir('nusa-design-');
  dirs.push(dir);
  const context = await openProfile(dir, { viewport, serviceWorkers: 'block' });
  contexts.push(context);
  return context.pages()[0] ?? (await context.newPage());
}

afterAll(async () => {
  for (const c of contexts) await c.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('/_design under the Vite dev server', () => {
  let vite: ViteDevServer;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    vite = await createServer({
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    });
    await vite.listen();
    base = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await vite?.close();
  });

  it('shows every token group and component, real components in their states, and passes axe', async () => {
    const page = await browserPage();
    await page.goto(`${base}/_design`);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 60_000 }).toBe('Nusa Layan design system');

    // Every token of the sheet, in its group's section.
    const tokens = readTokens(await readFile(join(ROOT, 'src/app/design/tokens.css'), 'utf8'));
    expect(tokens.length).toBeGreaterThan(40);
    for (const { group, title } of TOKEN_GROUPS) {
      const section = page.locator(`#tokens-${group}`);
      await expect.poll(() => section.locator('h3').textContent()).toBe(title);
      const shown = await section.locator('[data-token]').evaluateAll((els) => els.map((e) => e.dataset.token));
      expect(shown, group).toEqual(tokens.filter((t) => groupOf(t.name) === group).map((t) => t.name));
    }
    // Swatches carry their contrast ratios, every one at AA.
    const ratios = page.locator('#tokens-colour .design__ratio');
    expect(await ratios.count()).toBeGreaterThan(20);
    expect(await ratios.evaluateAll((els) => els.filter((e) => e.dataset.pass !== 'true').length)).toBe(0);
    expect(await page.locator('[data-token="--ink"] .design__ratio').first().textContent()).toMatch(/^\d+\.\d\d:1 AA/);

    // Every component's section, with something rendered in it.
    for (const [id, title] of COMPONENTS) {
      const section = page.locator(`#component-${id}`);
      expect(await section.locator('h3').textContent()).toBe(title);
      expect(await section.locator('.design__demo > *').count(), id).toBeGreaterThan(0);
    }
    // The real components: the app bar with its live connection pill and language menu, the bottom
    // navigation with its current place, the five delivery marks, the timeline's three steps.
    await expect.poll(() => page.locator('#component-app-bar header.header .conn[data-online="true"]').count()).toBe(1);
    expect(await page.locator('#component-app-bar .conn[data-online="false"]').count()).toBe(1);
    expect(await page.locator('#component-app-bar header.header select').count()).toBe(1);
    expect(await page.locator('#component-bottom-navigation nav.bottom-nav a').count()).toBe(4);
    expect(await page.locator('#component-bottom-navigation a[aria-current="page"]').getAttribute('href')).toBe(
      '/permohonan',
    );
    expect(
      await page
        .locator('#component-status-chip .delivery-mark')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-stage'))),
    ).toEqual(['draft', 'waiting', 'sent', 'received', 'attention']);
    expect(await page.locator('#component-timeline .timeline__step').count()).toBe(3);
    // Styled by the token sheet: the primary button is the brand's teal with the on-brand text.
    const primary = page.locator('#component-button .btn--primary').first();
    expect(await primary.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(11, 93, 94)');
    expect(await primary.evaluate((e) => getComputedStyle(e).minHeight)).toBe('48px');

    await expectAccessible(page, '/_design');

    // On a 360 px phone nothing pushes the page sideways (the demos go full-width).
    await page.setViewportSize({ width: 360, height: 740 });
    await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBe(360);
  });
});

describe('the production build', () => {
  let server: InProcessServer;

  beforeAll(async () => {
    server = await startInProcessServer({ seed: false });
  }, 60_000);

  afterAll(async () => {
    await server?.close();
  });

  it('has no trace of the design page in dist/ or the precache', async () => {
    const files = (await readdir(DIST, { recursive: true, withFileTypes: true }))
      .filter((f) => f.isFile())
      .map((f) => join(f.parentPath, f.name));
    expect(files.map((f) => relative(DIST, f))).toContain('index.html');
    expect(files.filter((f) => /design/i.test(relative(DIST, f)))).toEqual([]);
    for (const f of files.filter((p) => /\.(js|html|css|webmanifest)$/.test(p))) {
      const text = await readFile(f, 'utf8');
      expect(text.includes('_design') || text.includes('Nusa Layan design system'), relative(DIST, f)).toBe(false);
    }
  });

  it('answers /_design with the app not-found screen', async () => {
    const page = await browserPage({ width: 360, height: 740 });
    const response = await page.goto(`${server.url}/_design`);
    expect(response?.status()).toBe(200);
    await expect.poll(() => page.locator('h1').textContent(), { timeout: 30_000 }).toBe('Halaman tidak ditemukan');
    expect(await page.locator('.design__demo').count()).toBe(0);
  });
});
