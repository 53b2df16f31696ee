// A phone restarted with an application still in the outbox: the browser starts a stopped service
// worker for the Background Sync, and that worker loads its on-demand part (the drain, not in sw.js:
// src/app/build/on-demand-script-plugin.ts) from the scripts it stored at install — with no page open
// and no network for anything but the delivery itself.
import { rm } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { installApp, openProfile, syncTrigger } from '../support/browser.ts';
import { queueApplication } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;

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

it('delivers through Background Sync from a worker started afresh, which loads its drain on demand', async () => {
  const page = context.pages()[0]!;
  await context.setOffline(true);
  const id = await queueApplication(page, server.url, 'surat-pengantar');
  await page.close();
  await context.setOffline(false);
  const handle = await context.newPage();
  await handle.goto(`${server.url}/api/health`); // no app code: only DevTools' view of the origin
  const cdp = await context.newCDPSession(handle);
  const fireSync = await syncTrigger(cdp, new URL(server.url).origin);
  await cdp.send('ServiceWorker.stopAllWorkers');
  await fireSync();
  await expect
    .poll(
      async () => (await server.db.query<{ id: string }>('select id from applications where id = $1', [id])).length,
      { timeout: 30_000 },
    )
    .toBe(1);
});
