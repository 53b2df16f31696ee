// Issue 15's "Done when", as one story in Chromium: the resident's application goes to
// needs-correction while every page of the app is closed; the server pushes the notice to a push
// service this test runs (which decrypts it with the device's keys), and that same payload delivered to
// the service worker (ServiceWorker.deliverPushMessage) shows the notification; tapping it takes the
// app to the application with the office's message; the resident corrects and sends it again; the
// office moves it to ready with the pickup place and time, shown to the minute, then completes it with
// a PDF; the phone keeps the PDF, which opens offline after the browser is closed and opened again,
// and whose /verifikasi page shows the same SHA-256. (The tap is dispatched in the worker while a
// window of the app is open: a tap with none is tests/e2e/notifications.test.ts's, with its limits.)
import { createHash, randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/applications/history.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { appendChunk, declareUpload } from '../../src/server/uploads/store.ts';
import { installApp, openProfile } from '../support/browser.ts';
import { openStep, queueApplication } from '../support/fill-form.ts';
import { keptHash } from '../support/issued-documents.ts';
import type { LocalPushService } from '../support/push-service.ts';
import {
  appWorker,
  outboxSecret,
  type PushServer,
  registrationOf,
  shownNotifications,
  startPushServer,
  tapNotification,
} from '../support/push-worker.ts';
import type { SeededApp } from '../support/seeded-app.ts';
import { tempDir } from '../support/server.ts';

const OFFICER: Actor = { accountId: 'acc-e2e', role: 'office-officer' };
const MESSAGE = 'Nama pasien harus sesuai KTP, mohon diperbaiki.';
const VAPID_SUBJECT = 'mailto:dinkes@sumenepkab.go.id';
const PICKUP = { place: 'Loket 1 Puskesmas Masalembu', from: '2026-11-25T09:30:00+07:00' };
const PDF = Buffer.from(
  `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% Kartu berobat ${randomBytes(8).toString('hex')}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  'latin1',
);
const PDF_SHA256 = createHash('sha256').update(PDF).digest('hex');
const SLOW = { timeout: 30_000 };

let harness: SeededApp;
let url: string;
let push: LocalPushService;
let server: PushServer;
let profileDir: string;
let context: BrowserContext;

beforeAll(async () => {
  server = await startPushServer(VAPID_SUBJECT);
  ({ harness, url, push } = server);
  profileDir = await tempDir('nusa-return-');
  context = await openProfile(profileDir);
  await installApp(context.pages()[0] ?? (await context.newPage()), url);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

const move = async (id: string, body: Record<string, unknown>) =>
  expect(await moveApplication(harness.db, 'all', id, body, OFFICER)).toMatchObject({ ok: true });

describe('the office’s answer reaches the resident', () => {
  it('from a push with the app closed to a verified PDF kept offline', async () => {
    const page: Page = context.pages()[0]!;
    // The resident allowed notifications (the opt-in itself is tests/e2e/notifications.test.ts's).
    await context.grantPermissions(['notifications'], { origin: new URL(url).origin });
    const id = await queueApplication(page, url, 'pendaftaran-puskesmas');
    await expect.poll(() => page.locator('.state').first().textContent(), SLOW).toMatch(/^Terkirim/);
    const followed = await fetch(`${url}/api/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        target: { kind: 'application', id },
        secret: await outboxSecret(page, id),
        subscription: push.subscribe(),
      }),
    });
    expect(followed.status).toBe(204);

    // The resident's tab is closed (a blank one keeps the DevTools session).
    const cdp = await context.newCDPSession(page);
    const registrationId = await registrationOf(cdp, url);
    await page.goto('about:blank');
    const worker = await appWorker(context);
    await expect.poll(() => worker.evaluate(() => Notification.permission), SLOW).toBe('granted');

    await move(id, { to: 'verifying' });
    await move(id, { to: 'needs-correction', message: MESSAGE });
    await push.waitFor(() => push.received.length > 0, 30_000);
    expect(push.rejected).toEqual([]);
    const payload = push.received[0]!.payload;
    expect(payload).toMatchObject({ event: 'needs-correction', message: MESSAGE, url: `/permohonan/${id}` });
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(url).origin,
      registrationId,
      data: JSON.stringify(payload),
    });
    await expect.poll(() => shownNotifications(worker), SLOW).toHaveLength(1);
    expect((await shownNotifications(worker))[0]).toMatchObject({
      title: 'Permohonan perlu perbaikan',
      body: expect.stringContaining(MESSAGE),
    });

    // Tapped: the app shows the application with the office's message.
    const app = await context.newPage();
    await app.goto(`${url}/`);
    await expect.poll(() => app.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await tapNotification(worker);
    await app.waitForURL(`${url}/permohonan/${id}`, SLOW);
    await expect.poll(() => app.locator('.office-update--correction').textContent(), SLOW).toContain(MESSAGE);

    // The resident corrects and sends the same application again.
    await app.getByRole('button', { name: 'Perbaiki permohonan' }).click();
    await openStep(app, 'answers');
    const name = app.locator('#f-patientName');
    await expect.poll(() => name.inputValue(), SLOW).toBe('Siti Aminah');
    await name.fill('Siti Aminah Putri');
    await expect.poll(() => app.locator('.save-state').getAttribute('data-state')).toBe('saved');
    await openStep(app, 'send');
    await app.getByRole('button', { name: 'Kirim' }).click();
    const status = async () =>
      (
        await harness.db.query<{ status: string; patient: string }>(
          "select status, answers->>'patientName' as patient from applications where id = $1::uuid",
          [id],
        )
      )[0];
    await expect.poll(status, SLOW).toEqual({ status: 'verifying', patient: 'Siti Aminah Putri' });

    // Ready, with the place and the time to the minute.
    await move(id, { to: 'processing' });
    await move(id, { to: 'ready', pickup: PICKUP });
    const timeline = app.locator('.timeline');
    await expect.poll(() => timeline.locator('.timeline__step strong').last().textContent(), SLOW).toBe('Siap diambil');
    expect(await timeline.locator('.timeline__step').last().textContent()).toContain(
      `Ambil di ${PICKUP.place} mulai 25 November 2026 pukul 09.30 WIB.`,
    );

    // Completed with the issued PDF: the phone keeps it.
    await declareUpload(harness.db, PDF_SHA256, 'application/pdf', PDF.length);
    await appendChunk(harness.db, PDF_SHA256, 0, PDF);
    await move(id, { to: 'completed', document: { sha256: PDF_SHA256 } });
    const card = app.locator('.issued__doc');
    await expect.poll(() => card.locator('.issued__state').getAttribute('data-kept'), SLOW).toBe('yes');
    const code = (await card.locator('.issued__code').textContent())!;

    // The browser closed and opened again without a signal: the PDF opens from the device.
    await context.close();
    context = await openProfile(profileDir, { offline: true });
    const phone = context.pages()[0] ?? (await context.newPage());
    await phone.goto(`${url}/permohonan/${id}`);
    const kept = phone.locator('.issued__doc');
    await expect.poll(() => kept.locator('.issued__state').getAttribute('data-kept'), SLOW).toBe('yes');
    expect(await phone.evaluate(() => navigator.onLine)).toBe(false);
    expect(await keptHash(phone, code)).toBe(PDF_SHA256);
    const [opened] = await Promise.all([
      context.waitForEvent('page'),
      kept.getByRole('link', { name: 'Buka dokumen' }).click(),
    ]);
    expect(opened.url()).toMatch(new RegExp(`^blob:${url}/`));
    await opened.close();

    // Anyone holding the file checks it at /verifikasi/<code>: the same SHA-256.
    await context.setOffline(false);
    const visitor = await context.newPage();
    await visitor.goto(`${url}/verifikasi/${code}`);
    await expect.poll(() => visitor.locator('.verify__hash').textContent(), SLOW).toBe(PDF_SHA256);
  });
});
