// The administrator sees the texts that could not be sent (issue 15), in Chromium: an application is
// sent back for correction, the server's worker sends its SMS to a gateway this test runs, which
// refuses it; the administrator finds it on /petugas/pesan-gagal (tracking number, channel, the
// number masked, the error in words), sends it again once the gateway takes it, and the row is gone.
// axe at every impact on the screen with and without rows.
import { rm } from 'node:fs/promises';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/applications/history.ts';
import { submitBatch } from '../../src/server/applications/store.ts';
import { createAdministrator } from '../../src/server/auth/accounts.ts';
import { textSender } from '../../src/server/notify/senders.ts';
import { type Notifier, startNotifier } from '../../src/server/notify/worker.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { type InProcessServer, startInProcessServer } from '../support/app-server.ts';
import { expectAccessible, openProfile } from '../support/browser.ts';
import { jpegPhoto } from '../support/photos.ts';
import { ktpApplication } from '../support/records.ts';
import { tempDir } from '../support/server.ts';
import { LocalTextGateway } from '../support/text-gateway.ts';

const OFFICER: Actor = { accountId: 'acc-e2e', role: 'office-officer' };
const PASSWORD = 'admin-kabupaten-2026';
const SLOW = { timeout: 15_000 };

let server: InProcessServer;
let gateway: LocalTextGateway;
let notifier: Notifier;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  server = await startInProcessServer();
  gateway = await LocalTextGateway.start();
  notifier = startNotifier(server.db, { push: null, text: textSender({ url: gateway.url }) }, (err) => {
    throw err;
  });
  expect(await createAdministrator(server.db, 'admin', PASSWORD, { onlyIfNone: true, via: 'environment' })).toBe(
    'created',
  );
  profileDir = await tempDir('nusa-notices-');
  context = await openProfile(profileDir);
});

afterAll(async () => {
  await context?.close();
  await notifier?.stop();
  await server?.close();
  await gateway?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

describe('failed messages to residents', () => {
  it('shows a text the gateway refused to the administrator, masked, and sends it again', async () => {
    const photo = jpegPhoto('kk.jpg', 300);
    await declareUpload(server.db, photo.ref.sha256, 'image/jpeg', photo.ref.size);
    await appendChunk(server.db, photo.ref.sha256, 0, photo.bytes);
    const record = ktpApplication(photo.ref, { officeId: 'kecamatan-raas' });
    const [stored] = await submitBatch(server.db, [record]);
    expect(stored?.status).toBe('accepted');
    const trackingNumber = (stored as { trackingNumber: string }).trackingNumber;

    // The gateway refuses (400: it will not change by itself, so the worker gives up at once).
    gateway.failNext.push(400);
    expect(await moveApplication(server.db, 'all', record.id, { to: 'verifying' }, OFFICER)).toMatchObject({
      ok: true,
    });
    expect(
      await moveApplication(
        server.db,
        'all',
        record.id,
        { to: 'needs-correction', message: 'Foto KK buram.' },
        OFFICER,
      ),
    ).toMatchObject({ ok: true });
    await gateway.waitFor(() => gateway.requests.length === 1, 30_000);
    expect(gateway.requests[0]?.status).toBe(400);

    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/petugas/masuk`);
    await page.getByLabel('Nama pengguna').fill('admin');
    await page.getByLabel('Kata sandi').fill(PASSWORD);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
    await page.waitForURL(/\/petugas$/, SLOW);
    await page.getByRole('link', { name: 'Pesan gagal' }).click();
    await expect.poll(() => page.locator('h1').textContent(), SLOW).toBe('Pesan ke warga yang gagal terkirim');
    const row = page.locator('table.admin-notices tbody tr', { hasText: trackingNumber });
    await expect.poll(() => row.count(), SLOW).toBe(1);
    const cells = await row.locator('th, td').allTextContents();
    expect(cells.slice(1, 8)).toEqual([
      trackingNumber,
      'SMS',
      'Perlu perbaikan',
      '+62812•••••890',
      '1',
      'Ditolak penyedia (HTTP 400)',
      'Gagal, berhenti dicoba',
    ]);
    expect(await page.content()).not.toContain('1234567890');
    await expectAccessible(page, '/petugas/pesan-gagal with a failed text');

    // The gateway takes messages again: sent once more, with the same idempotency key, and no longer listed.
    await page.getByRole('button', { name: `Kirim ulang pesan untuk ${trackingNumber}` }).click();
    await expect
      .poll(() => page.locator('.admin-message').textContent(), SLOW)
      .toBe(`Pesan untuk ${trackingNumber} dikirim ulang.`);
    await gateway.waitFor(() => gateway.requests.length === 2, 30_000);
    expect(gateway.requests.map((r) => [r.status, r.body.idempotencyKey])).toEqual([
      [400, gateway.requests[0]!.body.idempotencyKey],
      [200, gateway.requests[0]!.body.idempotencyKey],
    ]);
    await page.reload();
    await expect.poll(() => page.getByText('Tidak ada pesan yang gagal terkirim.').count(), SLOW).toBe(1);
    await expectAccessible(page, '/petugas/pesan-gagal with none');
  });
});
