// "Kirim" with no signal, then nothing open: the application waits in the outbox, and when the
// network returns the service worker alone delivers it (Background Sync) — once, photos first —
// and the reopened app shows it delivered with its tracking number.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateApplication } from '../../src/server/applications/updates.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, installApp, openProfile, syncTrigger } from '../support/browser.ts';
import { queueApplication } from '../support/fill-form.ts';
import { tempDir } from '../support/server.ts';

let server: InProcessServer;
let profileDir: string;
let context: BrowserContext;

const storedApplications = async (id: string) =>
  server.db.query<{ tracking_number: string; attachments: Record<string, Array<{ sha256: string }>> }>(
    'select tracking_number, attachments from applications where id = $1',
    [id],
  );

beforeAll(async () => {
  server = await startInProcessServer();
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, server.url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('outbox delivery', () => {
  it('delivers an application queued offline through Background Sync with no page open, exactly once', async () => {
    const page = context.pages()[0]!;
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'surat-pengantar');
    expect(await storedApplications(id)).toHaveLength(0); // nothing left the device while offline

    await page.close();
    await context.setOffline(false);
    // Not the app — a JSON answer of its server, so no app code runs — only a handle for DevTools
    // on the app's origin, where the service worker's registration is visible.
    const blank = await context.newPage();
    await blank.goto(`${server.url}/api/health`);
    const cdp = await context.newCDPSession(blank);
    const fireSync = await syncTrigger(cdp, new URL(server.url).origin);
    await fireSync();
    await expect.poll(() => storedApplications(id), { timeout: 30_000 }).toHaveLength(1);

    // Every photo the record names is on the server, complete and byte-identical.
    const [row] = await storedApplications(id);
    const hashes = Object.values(row!.attachments)
      .flat()
      .map((a) => a.sha256);
    expect(hashes.length).toBeGreaterThan(0);
    const uploads = await server.db.query<{ sha256: string; complete: boolean; ok: boolean }>(
      "select sha256, complete, encode(sha256(data), 'hex') = sha256 as ok from uploads join upload_contents using (id, sha256) where sha256 = any($1)",
      [hashes],
    );
    expect(uploads).toHaveLength(hashes.length);
    for (const u of uploads) expect(u).toMatchObject({ complete: true, ok: true });

    // A second sync (the browser may fire it again) changes nothing.
    await fireSync();
    await cdp.detach();

    const app = await context.newPage();
    await blank.close();
    await app.goto(`${server.url}/permohonan/${id}`);
    await expect.poll(() => app.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    expect(await app.locator('.receipt__number').textContent()).toBe(row!.tracking_number);
    expect(await storedApplications(id)).toHaveLength(1);

    await app.goto(`${server.url}/permohonan`);
    await expect
      .poll(() => app.locator('.draft', { hasText: 'Surat pengantar' }).textContent())
      .toContain(row!.tracking_number);
  });

  it('delivers from the page itself when the network returns, and shows the office status live', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'pendaftaran-puskesmas');
    expect(await storedApplications(id)).toHaveLength(0);
    await context.setOffline(false); // fires `online` in the page, which drains the outbox
    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    expect(await storedApplications(id)).toHaveLength(1);

    // The office's side reaches the open page by itself (event stream, then an RxDB pull).
    const officeStatus = page.locator('.office-update__status');
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Diterima');
    await updateApplication(server.db, id, {
      status: 'ready',
      message: 'Kartu sudah jadi.',
      pickup: { place: 'Puskesmas Masalembu', from: '2026-11-25T08:00:00+07:00' },
    });
    await expect.poll(() => officeStatus.textContent(), { timeout: 30_000 }).toBe('Siap diambil');
    expect(await page.locator('.office-update').textContent()).toContain('Kartu sudah jadi.');
    expect(await page.locator('.office-update').textContent()).toContain(
      'Ambil di Puskesmas Masalembu mulai 25 November 2026 pukul 08.00 WIB.',
    );
  });

  it('shows what waits, the last success and a "Sinkronkan sekarang" button; /lacak finds the application online and offline', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'pendaftaran-puskesmas');
    await page.goto(`${server.url}/permohonan`);
    const panel = page.locator('.outbox-panel');
    await expect.poll(() => panel.textContent()).toContain('1 permohonan menunggu dikirim.');
    await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
    await expect.poll(() => panel.textContent()).toContain('Belum terkirim: tidak ada sinyal.');
    expect(await storedApplications(id)).toHaveLength(0);

    await context.setOffline(false); // the page drains when the network returns
    await expect.poll(() => storedApplications(id), { timeout: 30_000 }).toHaveLength(1);
    await expect.poll(() => panel.textContent()).toContain('Tidak ada permohonan yang menunggu.');
    expect(await panel.textContent()).toMatch(/Terakhir berhasil mengirim/);
    const [row] = await storedApplications(id);
    await expectAccessible(page, '/permohonan with the sync panel');

    await page.goto(`${server.url}/lacak`);
    await page.getByLabel(/Nomor pelacakan/).fill(row!.tracking_number.toLowerCase().replace('-', ' '));
    await page.getByRole('button', { name: 'Lacak' }).click();
    await expect.poll(() => page.locator('.track__status').textContent()).toBe('Diterima');
    expect(await page.locator('.receipt__number').textContent()).toBe(row!.tracking_number);

    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Lacak' }).click();
    await expect.poll(() => page.getByText('Tanpa sinyal: ini status terakhir').count()).toBe(1);
    expect(await page.locator('.track__status').textContent()).toMatch(/^Terkirim/);
    await context.setOffline(false);
  });

  it('quarantines a record the server refuses outright, lets the resident save it as a file, and discards it only on confirmation', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    // A request the server cannot accept (a 4xx other than 401/403/408/429) is never retried.
    await context.route('**/api/submissions', (route) =>
      route.fulfill({
        status: 400,
        contentType: 'application/json',
        body: '{"error":{"code":"bad_request","message":"x"}}',
      }),
    );
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'pendaftaran-puskesmas');
    await context.setOffline(false);
    await page.goto(`${server.url}/permohonan`);
    const quarantine = page.locator('.quarantine');
    await expect.poll(() => quarantine.textContent(), { timeout: 30_000 }).toContain('HTTP 400');
    const download = page.waitForEvent('download');
    await quarantine.getByRole('link', { name: 'Simpan sebagai berkas' }).click();
    const file = await (await download).path();
    const saved = JSON.parse(await (await import('node:fs/promises')).readFile(file!, 'utf8')) as {
      record: { id: string };
    };
    expect(saved.record.id).toBe(id);
    await context.unroute('**/api/submissions');

    await quarantine.getByRole('button', { name: 'Buang' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Batal' }).click();
    expect(await quarantine.count()).toBe(1);
    await quarantine.getByRole('button', { name: 'Buang' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Ya, buang' }).click();
    await expect.poll(() => page.locator('.quarantine').count()).toBe(0);
    expect(await storedApplications(id)).toHaveLength(0);
  });

  it('shows upload progress while the photos of an application are being sent', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    // A slow link: every chunk of a photo takes a moment, so the progress can be seen.
    await context.route('**/api/uploads/**', async (route) => {
      if (route.request().method() === 'PATCH') await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });
    await context.setOffline(true);
    const id = await queueApplication(page, server.url, 'surat-pengantar');
    await context.setOffline(false);
    await expect.poll(() => page.locator('.sending').textContent(), { timeout: 30_000 }).toMatch(/^ ?Mengirim… \d+%$/);
    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 60_000 }).toMatch(/^Terkirim/);
    expect(await page.locator('.sending').count()).toBe(0);
    expect(await storedApplications(id)).toHaveLength(1);
    await context.unroute('**/api/uploads/**');
  });

  it('retries an unanswered record on a return to the app only when there is a signal', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    // A link that takes nothing: every photo upload gets no answer, so each try fails as unanswered.
    const noAnswer = (route: Route) => route.abort('internetdisconnected');
    await context.route('**/api/uploads/**', noAnswer);
    try {
      const id = await queueApplication(page, server.url, 'surat-pengantar');
      const tries = async () =>
        Number(
          (await page.locator('.receipt, main').first().textContent())?.match(/Sudah dicoba (\d+) kali/)?.[1] ?? 0,
        );
      await expect.poll(tries, { timeout: 30_000 }).toBeGreaterThan(0);
      await page.waitForTimeout(3_000); // the page's own start-up try, if it comes after "Kirim"
      const before = await tries();
      const returnToTab = () => page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));

      await context.setOffline(true);
      await returnToTab();
      await page.waitForTimeout(2_000);
      expect(await tries()).toBe(before); // no signal: nothing is tried, no failure is counted

      await context.setOffline(false); // the signal returns: one try, whatever the backoff
      await expect.poll(tries, { timeout: 30_000 }).toBe(before + 1);
      await returnToTab(); // back in the tab with a signal: the record in backoff is tried at once
      await expect.poll(tries, { timeout: 30_000 }).toBe(before + 2);

      await context.unroute('**/api/uploads/**', noAnswer);
      await returnToTab();
      await expect.poll(() => storedApplications(id), { timeout: 30_000 }).toHaveLength(1);
    } finally {
      await context.unroute('**/api/uploads/**', noAnswer);
    }
  });

  it('delivers from a page opened with no signal as soon as the signal returns, backoff or not, without Background Sync', async () => {
    // Safari and Firefox have no Background Sync: the open page is the only courier. Granting only
    // notifications makes Chromium refuse every other permission, Background Sync among them.
    const origin = new URL(server.url).origin;
    await context.grantPermissions(['notifications'], { origin });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await context.setOffline(true);
      const id = await queueApplication(page, server.url, 'pendaftaran-puskesmas');
      await page.goto(`${server.url}/permohonan`); // the app starts with no signal
      const panel = page.locator('.outbox-panel');
      await page.getByRole('button', { name: 'Sinkronkan sekarang' }).click();
      // The failed try puts the record in backoff (at least a second, up to five).
      await expect.poll(() => panel.textContent()).toContain('Belum terkirim: tidak ada sinyal.');
      await context.setOffline(false);
      // The page's own periodic try comes only after a minute: the signal may be gone by then.
      await expect.poll(() => storedApplications(id), { timeout: 20_000 }).toHaveLength(1);
    } finally {
      await context.clearPermissions();
    }
  });
});
