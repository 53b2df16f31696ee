// The resident's form shown before the device database's code has arrived (issue 14: the form
// route against Enketo on a satellite link): the answers step draws from the draft's copy and the
// catalogue's copy, a keystroke typed then is as durable as any other, and a sent draft has no copy
// to be shown editable from.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Locator, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PAUSE_MS } from '../../src/app/left-alone.ts';
import { COPY_DATABASE_NAME } from '../../src/data/drafts/draft-copy.ts';
import { JOURNAL_DATABASE_NAME } from '../../src/data/drafts/patch.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { installedAppPage, openProfile } from '../support/browser.ts';
import { openStep, queueApplication } from '../support/fill-form.ts';
import { type Dump, dumpOrigin } from '../support/indexeddb.ts';

const NAME_FIELD = 'Nama lengkap anak';
/** The device database's code: RxDB, Dexie and the data layer. */
const DEVICE_DATA = /\/assets\/device-data-[^/]+\.js$/;

/**
 * A resident typing from the document's first moment: a key every 100 ms for 4 s, each noted, longer
 * than the form takes to show and the background work to be due. Also notes when the catalogue's
 * check starts: its first request in the page, or its worker.
 */
const TYPING_PROBE = `(() => {
  const probe = { keys: [] };
  window.__typing = probe;
  let left = 40;
  const key = setInterval(() => {
    probe.keys.push(performance.now());
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    if (--left === 0) clearInterval(key);
  }, 100);
  const mark = () => { probe.checkAt ??= performance.now(); };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(url, options) {
      if (String(url).includes('catalogue')) mark();
      super(url, options);
    }
  };
  const nativeFetch = window.fetch;
  window.fetch = (input, init) => {
    if (String(input instanceof Request ? input.url : input).includes('/api/sync/catalogue/head')) mark();
    return nativeFetch(input, init);
  };
})();`;

let server: InProcessServer;
const opened: { dirs: string[]; contexts: BrowserContext[] } = { dirs: [], contexts: [] };

beforeAll(async () => {
  server = await startInProcessServer();
});

afterEach(async () => {
  for (const context of opened.contexts.splice(0)) await context.close();
  for (const dir of opened.dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

afterAll(async () => {
  await server?.close();
});

/** A phone with the app installed; closed with its folder after the test. */
async function phone(): Promise<{ dir: string; context: BrowserContext; page: Page }> {
  const page = await installedAppPage(server.url, 'nusa-form-first-', opened);
  return { dir: opened.dirs.at(-1)!, context: page.context(), page };
}

/**
 * The phone's data kept, its service worker and caches cleared and the profile opened again with
 * workers blocked: every file comes from the server, where a test can hold one back.
 */
async function reopenWithoutWorker(dir: string, before: BrowserContext, page: Page): Promise<BrowserContext> {
  const cdp = await before.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', {
    origin: new URL(server.url).origin,
    storageTypes: 'service_workers,cache_storage',
  });
  await before.close();
  const context = await openProfile(dir, { serviceWorkers: 'block' });
  opened.contexts.push(context);
  return context;
}

/** The origin's IndexedDB, read by a page of the origin that runs no app code. */
const stored = (context: BrowserContext): Promise<Dump[]> => dumpOrigin(context, server.url);

const inDatabase = (dumps: Dump[], db: string, text: string) => dumps.some((d) => d.db === db && d.json.includes(text));
const rxDrafts = (dumps: Dump[]) => dumps.filter((d) => /drafts/.test(d.db));

/** A new draft whose copy holds "Siti" as the child's name, its answers step on show; returns its id. */
async function draftWithCopy(context: BrowserContext, page: Page): Promise<string> {
  await page.goto(`${server.url}/permohonan/baru/akta-kelahiran`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  const id = page.url().split('/').pop()!;
  await openStep(page, 'answers');
  await page.getByLabel(NAME_FIELD).fill('Siti');
  // RxDB takes the change once typing pauses, and the copy follows it.
  await expect.poll(async () => inDatabase(await stored(context), COPY_DATABASE_NAME, 'Siti')).toBe(true);
  return id;
}

/**
 * The draft's answers step in the phone opened again without its worker, the device database's code
 * held back when asked for (in `held`): the field shows the copy's "Siti" and takes " Aminah".
 */
async function typedWhileCodeHeld(
  dir: string,
  context: BrowserContext,
  page: Page,
  id: string,
): Promise<{ again: BrowserContext; form: Page; held: Route[]; name: Locator }> {
  const again = await reopenWithoutWorker(dir, context, page);
  const held: Route[] = [];
  const form = again.pages()[0] ?? (await again.newPage());
  await form.route(DEVICE_DATA, (route) => void held.push(route));
  await form.goto(`${server.url}/permohonan/${id}/isian`);
  const name = form.getByLabel(NAME_FIELD);
  await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe('Siti');
  await name.click();
  await form.keyboard.press('End');
  await form.keyboard.type(' Aminah');
  await expect.poll(() => form.locator('.save-state').getAttribute('data-state')).toBe('saved');
  return { again, form, held, name };
}

describe('the form before the device database', () => {
  it('shows the answers from the copy and keeps a key typed while the database code is held back', async () => {
    const { dir, context, page } = await phone();
    const id = await draftWithCopy(context, page);
    const { again, form, held } = await typedWhileCodeHeld(dir, context, page, id);
    // Asked for (once the page was left alone a moment) and never answered: the field came without it.
    await expect.poll(() => held.length, { timeout: 15_000 }).toBeGreaterThan(0);
    const crashed = new Promise((resolve) => form.once('crash', resolve));
    void (await again.newCDPSession(form)).send('Page.crash').catch(() => undefined);
    await crashed;
    const afterCrash = await stored(again);
    expect(inDatabase(afterCrash, JOURNAL_DATABASE_NAME, 'Siti Aminah')).toBe(true);
    expect(rxDrafts(afterCrash).some((d) => d.json.includes('Siti Aminah'))).toBe(false);

    // A new page, where the code arrives: it replays the journal into RxDB, and the copy follows.
    const reopened = await again.newPage();
    await reopened.goto(`${server.url}/permohonan/${id}/isian`);
    await expect.poll(() => reopened.getByLabel(NAME_FIELD).inputValue(), { timeout: 20_000 }).toBe('Siti Aminah');
    await expect
      .poll(
        async () => {
          const now = await stored(again);
          return {
            inRx: rxDrafts(now).some((d) => d.json.includes('Siti Aminah')),
            inCopy: inDatabase(now, COPY_DATABASE_NAME, 'Siti Aminah'),
            inJournal: inDatabase(now, JOURNAL_DATABASE_NAME, 'Siti Aminah'),
          };
        },
        // Once the page has been left alone a moment, the form loads the database, which replays.
        { timeout: 15_000 },
      )
      .toEqual({ inRx: true, inCopy: true, inJournal: false });
  });

  it('never goes back to the copy once another step was opened before the database code came', async () => {
    const { dir, context, page } = await phone();
    const id = await draftWithCopy(context, page);
    const { form, held, name } = await typedWhileCodeHeld(dir, context, page, id);
    // The applicant's step needs the live data; back on the answers, the copy would say "Siti" only.
    await form
      .locator('nav.steps')
      .getByRole('link', { name: /^Pemohon/ })
      .click();
    await form.waitForURL(`${server.url}/permohonan/${id}`);
    const loading = form.getByRole('status').filter({ hasText: 'Memuat' });
    await loading.first().waitFor();
    await form.goBack();
    await form.waitForURL(`${server.url}/permohonan/${id}/isian`);
    await loading.first().waitFor();
    await form.waitForTimeout(1_000);
    expect(await name.count()).toBe(0);
    // The code comes: the answers show what was typed.
    for (const route of held.splice(0)) await route.continue();
    await form.unroute(DEVICE_DATA);
    await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe('Siti Aminah');
  });

  it('starts the database and the background work in a pause of typing, not during it', async () => {
    const { context, page } = await phone();
    await draftWithCopy(context, page);

    // The next document opens on a resident already typing (keys from its first moment), and marks
    // when the device database's code and the catalogue's check (in the page or its worker) start.
    await context.addInitScript({ content: TYPING_PROBE });
    await page.reload();
    const name = page.getByLabel(NAME_FIELD);
    await expect.poll(() => name.inputValue(), { timeout: 20_000 }).toBe('Siti');
    const marks = () =>
      page.evaluate((pattern) => {
        const probe = (window as unknown as { __typing: { keys: number[]; checkAt?: number } }).__typing;
        const code = performance.getEntriesByType('resource').find((e) => new RegExp(pattern).test(e.name));
        return { keys: probe.keys, checkAt: probe.checkAt, deviceDataAt: code?.startTime };
      }, DEVICE_DATA.source);
    await expect
      .poll(
        async () => {
          const { checkAt, deviceDataAt } = await marks();
          return checkAt !== undefined && deviceDataAt !== undefined;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    const { keys, checkAt, deviceDataAt } = await marks();
    // Each began after keys had come, and in a pause: no key in the moment before it.
    for (const at of [checkAt!, deviceDataAt!]) {
      expect(at).toBeGreaterThan(keys[0]!);
      expect(at - Math.max(...keys.filter((k) => k < at))).toBeGreaterThanOrEqual(PAUSE_MS - 50);
    }
    // And the live data took over: what is typed now reaches the device database.
    await name.click();
    await page.keyboard.press('End');
    await page.keyboard.type(' Aminah');
    await expect
      .poll(async () => rxDrafts(await stored(context)).some((d) => d.json.includes('Siti Aminah')), {
        timeout: 15_000,
      })
      .toBe(true);
  });

  it('never shows a sent application editable from a copy', async () => {
    const { dir, context, page } = await phone();
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'akta-kelahiran');
    await context.setOffline(false);
    const dumps = await stored(context);
    expect(rxDrafts(dumps).some((d) => d.json.includes(id))).toBe(true);
    expect(inDatabase(dumps, COPY_DATABASE_NAME, id)).toBe(false);

    const again = await reopenWithoutWorker(dir, context, page);
    const form = again.pages()[0] ?? (await again.newPage());
    await form.route(DEVICE_DATA, () => undefined);
    await form.goto(`${server.url}/permohonan/${id}/isian`);
    await form.getByRole('status').filter({ hasText: 'Memuat' }).first().waitFor();
    await form.waitForTimeout(2_000);
    expect(await form.getByLabel(NAME_FIELD).count()).toBe(0);
  });
});
