// The coalesced autosave (issue 14): every keystroke is on disk within a frame through the drafts'
// journal, even when the page dies right after it, while RxDB takes the draft once typing pauses,
// not once per keystroke.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOURNAL_DATABASE_NAME } from '../../src/data/drafts/journal.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { installApp, openProfile } from '../support/browser.ts';
import { openStep } from '../support/fill-form.ts';
import { type Dump, dumpOrigin } from '../support/indexeddb.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;

const NAME_FIELD = 'Nama lengkap anak';

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  await installApp(context.pages()[0] ?? (await context.newPage()), server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

async function newDraft(page: Page): Promise<string> {
  await page.goto(`${server.url}/permohonan/baru/akta-kelahiran`);
  await page.getByRole('button', { name: 'Mulai mengisi' }).click();
  await page.waitForURL(/\/permohonan\/[0-9a-f-]{36}$/);
  // The child's name is asked on step 2 of the form, "Isian" (its own address, /isian).
  await openStep(page, 'answers');
  await page.getByLabel(NAME_FIELD).waitFor();
  return page.url();
}

/** The origin's IndexedDB read by a page of the origin that runs no app code. */
const storedNow = (): Promise<Dump[]> => dumpOrigin(context, server.url);

const journalRows = (dumps: Dump[]) => dumps.filter((d) => d.db === JOURNAL_DATABASE_NAME);
const rxDrafts = (dumps: Dump[]) => dumps.filter((d) => d.db !== JOURNAL_DATABASE_NAME && /drafts/.test(d.db));

describe('coalesced autosave', () => {
  it('keeps every keystroke typed right before the page crashed', async () => {
    const page = await context.newPage();
    const url = await newDraft(page);
    const typed = 'Siti Aminah binti Abdullah';
    await page.getByLabel(NAME_FIELD).click();
    await page.keyboard.type(typed);
    // Killed at once: no pagehide, no visibilitychange, no pause for RxDB to catch up.
    const crashed = new Promise((resolve) => page.once('crash', resolve));
    const cdp = await context.newCDPSession(page);
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;

    const afterCrash = await storedNow();
    // On disk in the journal, not yet in RxDB: the journal is what kept the keystrokes.
    expect(journalRows(afterCrash).some((d) => d.json.includes(typed))).toBe(true);
    expect(rxDrafts(afterCrash).some((d) => d.json.includes(typed))).toBe(false);

    const reopened = await context.newPage();
    await reopened.goto(url);
    await expect.poll(() => reopened.getByLabel(NAME_FIELD).inputValue(), { timeout: 30_000 }).toBe(typed);
    // Replayed into RxDB, and the journal record settled: the form, shown from its copy, loads the
    // database once the page has been quiet for a second (DraftGate.tsx).
    await expect
      .poll(
        async () => {
          const now = await storedNow();
          return {
            inRx: rxDrafts(now).some((d) => d.json.includes(typed)),
            inJournal: journalRows(now).some((d) => d.json.includes(typed)),
          };
        },
        { timeout: 15_000 },
      )
      .toEqual({ inRx: true, inJournal: false });
    await reopened.close();
  });

  it('says "saving" only of a write that takes a while, never once per keystroke', async () => {
    const page = await context.newPage();
    await newDraft(page);
    // Every state the status line takes, as a screen reader would hear it.
    await page.evaluate(() => {
      const status = document.querySelector('.save-state')!;
      const seen: string[] = [];
      (window as unknown as { __saveStates: string[] }).__saveStates = seen;
      new MutationObserver(() => seen.push(status.getAttribute('data-state') ?? '')).observe(status, {
        attributes: true,
        characterData: true,
        childList: true,
        subtree: true,
      });
    });
    const states = () => page.evaluate(() => (window as unknown as { __saveStates: string[] }).__saveStates);
    await page.getByLabel(NAME_FIELD).click();
    await page.keyboard.type('Siti Aminah', { delay: 30 });
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
    expect(await states()).not.toContain('saving');

    // The journal held by a long transaction of another page, as a slow phone's disk would: the
    // status says "saving" while the write waits, and "saved" once it is on disk.
    const holder = await context.newPage();
    await holder.goto(`${server.url}/api/health`);
    await holder.evaluate(async (name) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const store = db.transaction('changes', 'readwrite').objectStore('changes');
      const until = Date.now() + 1_500;
      const busy = () => {
        if (Date.now() < until) store.count().onsuccess = busy;
      };
      busy();
    }, JOURNAL_DATABASE_NAME);
    await page.keyboard.type(' binti Abdullah', { delay: 30 });
    await expect.poll(() => page.locator('.save-state').textContent()).toBe('Menyimpan…');
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state'), { timeout: 10_000 }).toBe('saved');
    expect(await page.getByLabel(NAME_FIELD).inputValue()).toBe('Siti Aminah binti Abdullah');
    await holder.close();
    await page.close();
  });

  it('writes the draft to RxDB once typing pauses, not once per keystroke', async () => {
    const page = await context.newPage();
    const url = await newDraft(page);
    const id = url.match(/[0-9a-f-]{36}/)![0];
    const typed = 'Muhammad Rizky Pratama';
    await page.getByLabel(NAME_FIELD).click();
    await page.keyboard.type(typed, { delay: 30 });
    await expect.poll(() => page.locator('.save-state').getAttribute('data-state')).toBe('saved');
    await expect
      .poll(async () => {
        const now = await storedNow();
        return rxDrafts(now).some((d) => d.json.includes(typed)) && !journalRows(now).some((d) => d.rows > 0);
      })
      .toBe(true);
    // RxDB's revision counts its writes of the document: the insert, then one write for the name.
    const revision = await page.evaluate(async (draftId) => {
      const names = (await indexedDB.databases()).map((d) => d.name ?? '').filter((n) => n.includes('drafts'));
      for (const name of names) {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        for (const store of [...db.objectStoreNames]) {
          const rows = await new Promise<Array<{ id?: string; _rev?: string }>>((resolve, reject) => {
            const req = db.transaction(store, 'readonly').objectStore(store).getAll();
            req.onsuccess = () => resolve(req.result as Array<{ id?: string; _rev?: string }>);
            req.onerror = () => reject(req.error);
          });
          const row = rows.find((r) => r.id === draftId && typeof r._rev === 'string');
          if (row) {
            db.close();
            return Number(row._rev!.split('-')[0]);
          }
        }
        db.close();
      }
      return null;
    }, id);
    expect(revision).toBe(2);
    await page.close();
  });
});
