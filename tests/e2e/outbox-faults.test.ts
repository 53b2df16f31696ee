// Delivery under faults, in real Chromium: a connection cut in the middle of a photo, two tabs and
// the service worker draining at once, a link that keeps dropping, the browser closed right after
// "Kirim", and a new app version activated while an application waits. After each, the server holds
// exactly the applications the device queued, each once, with every photo complete and byte-identical.
import { appendFile, cp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS } from '../../src/domain/submissions/retry.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { installApp, openProfile, syncTrigger, waitForServiceWorkerControl } from '../support/browser.ts';
import { startCuttingProxy } from '../support/cutting-proxy.ts';
import { databaseTargets } from '../support/databases.ts';
import { documentPhoto, queueApplication } from '../support/fill-form.ts';
import { DIST, tempDir } from '../support/server.ts';

const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

// ---------------------------------------------------------------------------------------------
// The device

/** A fresh installed app (its own profile): service worker in control and catalogue synced. */
async function freshDevice(url: string): Promise<{ context: BrowserContext; page: Page; profileDir: string }> {
  const dir = await tempDir('nusa-profile-');
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const context = await openProfile(dir);
  cleanups.push(() => context.close());
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, url);
  return { context, page, profileDir: dir };
}

/**
 * A photographed page with sensor noise, 1200×1600: noise is what makes a JPEG big, so after the
 * device's compression it is still a large photo, with a middle to cut. Seeded: the same bytes every run.
 */
async function noisyPhoto(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const width = 1200;
    const height = 1600;
    const canvas = new OffscreenCanvas(width, height);
    const g = canvas.getContext('2d')!;
    const image = g.createImageData(width, height);
    let seed = 7;
    for (let i = 0; i < image.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const n = (seed >>> 24) % 32;
      image.data[i] = 210 + n;
      image.data[i + 1] = 205 + n;
      image.data[i + 2] = 195 + n;
      image.data[i + 3] = 255;
    }
    g.putImageData(image, 0, 0);
    g.fillStyle = '#151515';
    g.font = '34px sans-serif';
    for (let y = 80; y < height; y += 60) g.fillText('KARTU KELUARGA No. 3529012345670003 Desa Marengan Laok', 30, y);
    const bytes = new Uint8Array(
      await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.95 })).arrayBuffer(),
    );
    let s = '';
    for (const b of bytes) s += String.fromCharCode(b);
    return btoa(s);
  });
  return Buffer.from(base64, 'base64');
}

type DeviceEntry = { id: string; state: string; attempts: number; trackingNumber?: string; hashes: string[] };

/** The outbox as IndexedDB holds it (read raw: the test must not depend on the app's modules). */
async function deviceOutbox(page: Page): Promise<DeviceEntry[]> {
  return page.evaluate(
    () =>
      new Promise<DeviceEntry[]>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('entries', 'readonly').objectStore('entries').getAll();
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            db.close();
            type Raw = {
              id: string;
              state: string;
              attempts: number;
              result?: { trackingNumber?: string };
              record: { attachments: Record<string, Array<{ sha256: string }>> };
            };
            resolve(
              (req.result as Raw[]).map((e) => ({
                id: e.id,
                state: e.state,
                attempts: e.attempts,
                ...(e.result?.trackingNumber ? { trackingNumber: e.result.trackingNumber } : {}),
                hashes: Object.values(e.record.attachments)
                  .flat()
                  .map((a) => a.sha256),
              })),
            );
          };
        };
      }),
  );
}

/** The device's stored files, each with the SHA-256 of its bytes computed now. */
async function deviceFiles(page: Page): Promise<Array<{ sha256: string; size: number; actual: string }>> {
  return page.evaluate(
    () =>
      new Promise<Array<{ sha256: string; size: number; actual: string }>>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-files');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('files', 'readonly').objectStore('files').getAll();
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            db.close();
            const files = req.result as Array<{ sha256: string; size: number; blob: Blob }>;
            void Promise.all(
              files.map(async (f) => {
                const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await f.blob.arrayBuffer()));
                return {
                  sha256: f.sha256,
                  size: f.size,
                  actual: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
                };
              }),
            ).then(resolve, reject);
          };
        };
      }),
  );
}

const dispatchOnline = (page: Page) => page.evaluate(() => void window.dispatchEvent(new Event('online')));

// ---------------------------------------------------------------------------------------------
// The server

type StoredRow = {
  id: string;
  tracking_number: string;
  attachments: Record<string, Array<{ sha256: string; size: number }>>;
};

const storedRows = (srv: InProcessServer, ids: readonly string[]) =>
  srv.db.query<StoredRow>(
    'select id::text, tracking_number, attachments from applications where id = any($1::uuid[])',
    [ids],
  );

/**
 * The server holds exactly `ids` (each once, and nothing else when `total` is given), and every photo
 * they name is complete and hashes to its name. Returns the tracking number of each id.
 */
async function expectDeliveredOnce(
  srv: InProcessServer,
  ids: readonly string[],
  total: number,
): Promise<Map<string, string>> {
  const rows = await storedRows(srv, ids);
  expect(rows.map((r) => r.id).sort()).toEqual([...ids].sort());
  const [{ n }] = (await srv.db.query<{ n: number }>('select count(*)::int as n from applications')) as [{ n: number }];
  expect(n).toBe(total);
  const named = rows.flatMap((r) => Object.values(r.attachments).flat());
  if (named.length > 0) {
    const uploads = await srv.db.query<{
      sha256: string;
      size: number;
      complete: boolean;
      hash: string;
      bytes: number;
    }>(
      `select sha256, size, complete, encode(sha256(data), 'hex') as hash, length(data) as bytes from uploads join upload_contents using (id, sha256) where sha256 = any($1)`,
      [[...new Set(named.map((a) => a.sha256))]],
    );
    expect(uploads).toHaveLength(new Set(named.map((a) => a.sha256)).size);
    for (const u of uploads)
      expect({ complete: u.complete, hash: u.hash, bytes: Number(u.bytes) }, u.sha256).toEqual({
        complete: true,
        hash: u.sha256,
        bytes: Number(u.size),
      });
  }
  return new Map(rows.map((r) => [r.id, r.tracking_number]));
}

const waitForRows = (srv: InProcessServer, ids: readonly string[]) =>
  expect.poll(async () => (await storedRows(srv, ids)).length, { timeout: 30_000 }).toBe(ids.length);

/** Each application shows as delivered ("Terkirim") with the server's tracking number in this tab's list. */
async function expectListShowsDelivered(page: Page, numbers: Map<string, string>): Promise<void> {
  for (const [id, trackingNumber] of numbers) {
    const state = page.locator('li.draft', { has: page.locator(`a[href="/permohonan/${id}"]`) }).locator('.state');
    await expect
      .poll(() => state.textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^Terkirim.*${trackingNumber}`));
  }
}

// ---------------------------------------------------------------------------------------------

type Patch = { sha256: string; offset: number; bytes: number; aborted: boolean };

for (const target of databaseTargets()) {
  describe(`outbox delivery under faults, on ${target.kind}`, () => {
    let server: InProcessServer;
    /** Every id this describe queued on `server`: its applications table must hold exactly these, once each. */
    const queuedOnServer: string[] = [];

    beforeAll(async () => {
      server = await startInProcessServer({ database: target });
    });

    afterAll(async () => {
      await server?.close();
    });

    it('resumes a photo from the byte the server holds after the connection drops in the middle of it', async () => {
      // The app is reached through a link the test can cut in the middle of a request body.
      const link = await startCuttingProxy(server.url);
      cleanups.push(() => link.close());
      const { context, page } = await freshDevice(link.url);
      await context.setOffline(true);
      const id = await queueApplication(page, link.url, 'surat-pengantar', { kkDoc: () => noisyPhoto(page) });
      const [entry] = await deviceOutbox(page);
      const files = await deviceFiles(page);
      const big = files.filter((f) => entry!.hashes.includes(f.sha256)).sort((a, b) => b.size - a.size)[0]!;
      expect(big.size).toBeGreaterThan(200 * 1024);
      expect(big.size).toBeLessThanOrEqual(300 * 1024);

      // The link drops once 100 KB of the big photo have crossed, and stays down.
      const CUT_AFTER = 100 * 1024;
      const path = `/api/uploads/${big.sha256}`;
      link.cutNext({ method: 'PATCH', path, afterBodyBytes: CUT_AFTER });
      await context.setOffline(false); // `online`: the page drains, and the link drops mid-photo
      await expect.poll(() => link.down, { timeout: 30_000 }).toBe(true);
      await expect
        .poll(async () => (await deviceOutbox(page))[0]!.attempts, { timeout: 30_000 })
        .toBeGreaterThanOrEqual(1);
      expect((await deviceOutbox(page))[0]!.state).toBe('queued'); // no answer is no verdict
      expect(await storedRows(server, [id])).toHaveLength(0);
      // The server kept what crossed of the cut chunk.
      const held = async () => {
        const [row] = await server.db.query<{ received: number; complete: boolean }>(
          'select received, complete from uploads where sha256 = $1',
          [big.sha256],
        );
        return { received: Number(row?.received ?? -1), complete: row?.complete };
      };
      await expect.poll(held, { timeout: 10_000 }).toEqual({ received: CUT_AFTER, complete: false });

      link.restore();
      await dispatchOnline(page); // the signal is back: delivery continues
      await waitForRows(server, [id]);
      queuedOnServer.push(id);
      const numbers = await expectDeliveredOnce(server, [id], queuedOnServer.length);

      // The big photo: one PATCH from 0, cut after 100 KB; then one from 100 KB with the rest. Never 0 twice.
      const ofBig = link.requests.filter((r) => r.method === 'PATCH' && r.path === path);
      expect(
        ofBig.map((r) => ({ offset: Number(r.headers['upload-offset']), bytes: r.bodyBytes, cut: r.cut })),
      ).toEqual([
        { offset: 0, bytes: CUT_AFTER, cut: true },
        { offset: CUT_AFTER, bytes: big.size - CUT_AFTER, cut: false },
      ]);
      // The server's copy is the device's file, byte for byte.
      const [stored] = await server.db.query<{ hash: string }>(
        `select encode(sha256(data), 'hex') as hash from upload_contents where sha256 = $1`,
        [big.sha256],
      );
      expect(stored!.hash).toBe(big.actual);
      expect(big.actual).toBe(big.sha256);

      await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
      expect(await page.locator('.receipt__number').textContent()).toBe(numbers.get(id));
    });

    it('delivers each application once when two tabs and the service worker drain at the same moment', async () => {
      const { context, page: first } = await freshDevice(server.url);
      await context.setOffline(true);
      // With photos, without, and with photos shared with the first (the same KTP and KK pictures).
      const ids = [
        await queueApplication(first, server.url, 'surat-pengantar'),
        await queueApplication(first, server.url, 'pendaftaran-puskesmas'),
        await queueApplication(first, server.url, 'sktm'),
      ];
      expect(await storedRows(server, ids)).toHaveLength(0);
      await first.goto(`${server.url}/permohonan`);
      const second = await context.newPage();
      await second.goto(`${server.url}/permohonan`);
      await waitForServiceWorkerControl(second);
      for (const tab of [first, second])
        await expect.poll(() => tab.locator('li.draft .state--queued').count()).toBe(3);

      const patches: Patch[] = [];
      await context.route('**/api/uploads/**', async (route: Route) => {
        const req = route.request();
        if (req.method() === 'PATCH') {
          patches.push({
            sha256: new URL(req.url()).pathname.split('/').pop()!,
            offset: Number(req.headers()['upload-offset']),
            bytes: req.postDataBuffer()?.length ?? -1,
            aborted: false,
          });
        }
        return route.continue();
      });
      cleanups.push(() => context.unrouteAll({ behavior: 'ignoreErrors' }));
      const cdp = await context.newCDPSession(second);
      cleanups.push(() => cdp.detach());
      const fireSync = await syncTrigger(cdp, new URL(server.url).origin);

      // The signal returns: both tabs hear `online` (once from the browser, once more from the test)
      // and the browser wakes the service worker, all at once.
      await context.setOffline(false);
      await Promise.all([
        dispatchOnline(first),
        dispatchOnline(second),
        fireSync(),
        dispatchOnline(first),
        dispatchOnline(second),
      ]);

      await waitForRows(server, ids);
      queuedOnServer.push(...ids);
      const numbers = await expectDeliveredOnce(server, ids, queuedOnServer.length);
      for (const tab of [first, second]) await expectListShowsDelivered(tab, numbers);
      // A drain in each of three places, yet every chunk of every photo crossed the link once.
      const files = await deviceFiles(first);
      for (const sha of new Set(patches.map((p) => p.sha256))) {
        const size = files.find((f) => f.sha256 === sha)!.size;
        expect(patches.filter((p) => p.sha256 === sha).reduce((n, p) => n + p.bytes, 0)).toBe(size);
      }
      for (const e of await deviceOutbox(second))
        expect({ state: e.state, trackingNumber: e.trackingNumber }).toEqual({
          state: 'delivered',
          trackingNumber: numbers.get(e.id),
        });
    });

    it('keeps an application queued through a link that drops again and again, and delivers it once when the link holds', async () => {
      const { context, page } = await freshDevice(server.url);
      await context.setOffline(true);
      const id = await queueApplication(page, server.url, 'surat-pengantar', {
        ktpElDoc: () => documentPhoto(page, 'KTP-el sinyal lemah'),
      });
      // The phone reports a network, but nothing gets through (a satellite link in bad weather): every
      // request to the server dies. Each time the signal seems to return, the device tries again.
      let dropped = 0;
      await context.route('**/api/**', (route) => {
        dropped++;
        return route.abort('connectionfailed');
      });
      cleanups.push(() => context.unrouteAll({ behavior: 'ignoreErrors' }));
      await context.setOffline(false);
      const tries = MAX_ATTEMPTS + 2;
      for (let attempt = 1; attempt <= tries; attempt++) {
        await expect
          .poll(async () => (await deviceOutbox(page))[0]!.attempts, { timeout: 30_000 })
          .toBeGreaterThanOrEqual(attempt);
        if (attempt < tries) await dispatchOnline(page);
      }
      expect(dropped).toBeGreaterThanOrEqual(tries);
      // No answer from the server is no verdict on the application: it waits, it is not quarantined.
      const [waiting] = await deviceOutbox(page);
      expect(waiting).toMatchObject({ id, state: 'queued' });
      expect(await storedRows(server, [id])).toHaveLength(0);

      await context.unroute('**/api/**');
      await dispatchOnline(page);
      await waitForRows(server, [id]);
      queuedOnServer.push(id);
      const numbers = await expectDeliveredOnce(server, [id], queuedOnServer.length);
      await expect
        .poll(async () => (await deviceOutbox(page))[0])
        .toMatchObject({ state: 'delivered', trackingNumber: numbers.get(id) });
    });

    it('quarantines an application whose photo is gone from the device and delivers the ones queued after it', async () => {
      const { context, page } = await freshDevice(server.url);
      await context.setOffline(true);
      const broken = await queueApplication(page, server.url, 'surat-pengantar', {
        ktpElDoc: () => documentPhoto(page, 'KTP-el yang hilang'),
      });
      const next = await queueApplication(page, server.url, 'surat-pengantar', {
        ktpElDoc: () => documentPhoto(page, 'KTP-el yang ada'),
      });
      const outbox = await deviceOutbox(page);
      const kept = new Set(outbox.find((e) => e.id === next)!.hashes);
      const lost = outbox.find((e) => e.id === broken)!.hashes.filter((h) => !kept.has(h));
      expect(lost.length).toBeGreaterThan(0);
      // Its own photo removed from the device's file store behind the app's back.
      await page.evaluate(
        (hashes) =>
          new Promise<void>((resolve, reject) => {
            const open = indexedDB.open('nusalayan-files');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const tx = open.result.transaction('files', 'readwrite');
              for (const h of hashes) tx.objectStore('files').delete(h);
              tx.oncomplete = () => {
                open.result.close();
                resolve();
              };
              tx.onerror = () => reject(tx.error);
            };
          }),
        lost,
      );

      await context.setOffline(false);
      // The one queued after it goes; the broken one is set aside after one try, not retried eight
      // times as if the network had failed (which stopped every drain at it before the rest).
      await waitForRows(server, [next]);
      queuedOnServer.push(next);
      await expectDeliveredOnce(server, [next], queuedOnServer.length);
      expect(await storedRows(server, [broken])).toHaveLength(0);
      await expect
        .poll(async () => (await deviceOutbox(page)).find((e) => e.id === broken))
        .toMatchObject({ state: 'quarantined', attempts: 1 });
      await page.goto(`${server.url}/permohonan`);
      await expect
        .poll(() => page.locator('.quarantine').textContent(), { timeout: 30_000 })
        .toContain(`…${broken.slice(-8)}: 1 kali gagal (foto dokumen hilang dari perangkat)`);
      // One try, no network fault: the panel does not claim it failed again and again.
      expect(await page.locator('.quarantine h3').textContent()).toBe('Tidak dapat dikirim');
      await page.getByLabel('Bahasa').selectOption('en');
      await expect
        .poll(() => page.locator('.quarantine').textContent())
        .toContain(`…${broken.slice(-8)}: failed once (a document photo is missing on this device)`);
      expect(await page.locator('.quarantine h3').textContent()).toBe('Could not be sent');
    });

    it('browser closed right after "Kirim": the reopened app delivers the application once', async () => {
      const installed = await freshDevice(server.url);
      await installed.context.setOffline(true);
      const id = await queueApplication(installed.page, server.url, 'surat-pengantar', {
        ktpElDoc: () => documentPhoto(installed.page, 'KTP-el ditutup'),
      });
      // The whole browser goes away the moment the application shows as queued: no page, no worker.
      await installed.context.close();
      expect(await storedRows(server, [id])).toHaveLength(0);

      const reopened = await openProfile(installed.profileDir); // online
      cleanups.push(() => reopened.close());
      const page = reopened.pages()[0] ?? (await reopened.newPage());
      await page.goto(server.url);
      await waitForRows(server, [id]);
      queuedOnServer.push(id);
      const numbers = await expectDeliveredOnce(server, [id], queuedOnServer.length);
      await page.goto(`${server.url}/permohonan/${id}`);
      await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
      expect(await page.locator('.receipt__number').textContent()).toBe(numbers.get(id));
    });
  });

  describe(`outbox delivery across an app update, on ${target.kind}`, () => {
    let updateServer: InProcessServer;
    let staticDir: string;

    beforeAll(async () => {
      // A copy of the build that the test turns into "the next version".
      staticDir = await tempDir('nusa-build-');
      await cp(DIST, staticDir, { recursive: true });
      updateServer = await startInProcessServer({ staticDir, database: target });
    });

    afterAll(async () => {
      await updateServer?.close();
      await rm(staticDir, { recursive: true, force: true });
    });

    it('delivers an application queued under the old version once, after the new version takes over', async () => {
      const { context, page } = await freshDevice(updateServer.url);
      const firstWorker = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
      await context.setOffline(true);
      const id = await queueApplication(page, updateServer.url, 'surat-pengantar');

      // Back online, but the server cannot take applications yet (503): the attempt fails and the
      // application keeps waiting. Meanwhile a new version is deployed and found.
      let refused = 0;
      await context.route('**/api/submissions', (route) => {
        refused++;
        return route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: '{"error":{"code":"unavailable","message":"later"}}',
        });
      });
      cleanups.push(() => context.unrouteAll({ behavior: 'ignoreErrors' }));
      await context.setOffline(false);
      await expect.poll(() => refused, { timeout: 30_000 }).toBeGreaterThan(0);
      await expect.poll(async () => (await deviceOutbox(page))[0]!.attempts, { timeout: 30_000 }).toBeGreaterThan(0);
      expect((await deviceOutbox(page))[0]!.state).toBe('queued');

      await appendFile(join(staticDir, 'sw.js'), '\n// next release\n');
      await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
      const banner = page.getByText('Versi baru tersedia');
      await banner.waitFor({ state: 'visible', timeout: 30_000 });
      const reloaded = page.waitForEvent('load');
      await page.getByRole('button', { name: 'Perbarui sekarang' }).click();
      await reloaded;
      await expect
        .poll(() =>
          page.evaluate(() =>
            navigator.serviceWorker.getRegistration().then((r) => Boolean(r?.active && !r.waiting && !r.installing)),
          ),
        )
        .toBe(true);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(firstWorker);
      expect(await storedRows(updateServer, [id])).toHaveLength(0);
      expect((await deviceOutbox(page)).map((e) => ({ id: e.id, state: e.state }))).toEqual([{ id, state: 'queued' }]);

      // The server is back: the new worker's Background Sync (and the page) deliver it.
      await context.unroute('**/api/submissions');
      const cdp = await context.newCDPSession(page);
      cleanups.push(() => cdp.detach());
      const fireSync = await syncTrigger(cdp, new URL(updateServer.url).origin);
      await fireSync();
      await waitForRows(updateServer, [id]);
      const numbers = await expectDeliveredOnce(updateServer, [id], 1);
      await page.goto(`${updateServer.url}/permohonan/${id}`);
      await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
      expect(await page.locator('.receipt__number').textContent()).toBe(numbers.get(id));
      await fireSync(); // fired again by the browser: nothing changes
      await dispatchOnline(page);
      await expect.poll(async () => (await deviceOutbox(page))[0]!.state).toBe('delivered');
      expect(await storedRows(updateServer, [id])).toHaveLength(1);
    });
  });
}
