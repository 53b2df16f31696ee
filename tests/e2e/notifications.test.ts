// A status notice reaching a resident with the app closed, in Chromium. The resident's application is
// delivered and the device follows it by Web Push (its secret proves it); every page of the app is
// closed; the office sends it back for correction; the server's worker pushes the notice, through
// `web-push`, to a push service this test runs, which decrypts it with the device's keys. Headless
// Chromium cannot subscribe at a real push service, so that same payload is delivered to the app's
// service worker over the DevTools protocol (ServiceWorker.deliverPushMessage): the worker shows the
// notification (registration.getNotifications() lists it), and its notificationclick, dispatched in
// the worker, takes the app to the application's page with the office's message. With no window of
// the app, the click asks clients.openWindow for the application's page: the test watches the
// worker's real clients object and sees the call and Chromium's answer. A click dispatched by script
// is not allowed to open windows (Chromium grants that only to a tap on the system notification, and
// neither headless Chromium nor the DevTools protocol can tap one), so the window itself is not seen
// to open: what is proven is the call with the right URL and Chromium's refusal for that reason alone.
import { rm } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/server/applications/history.ts';
import { moveApplication } from '../../src/server/office/queue.ts';
import { expectAccessible, installApp, openProfile } from '../support/browser.ts';
import { queueApplication } from '../support/fill-form.ts';
import type { LocalPushService } from '../support/push-service.ts';
import {
  appWorker,
  outboxSecret,
  type PushServer,
  registrationOf,
  shownNotifications,
  startPushServer,
  tapNotification,
  type WorkerScope,
} from '../support/push-worker.ts';
import type { SeededApp } from '../support/seeded-app.ts';
import { tempDir } from '../support/server.ts';

const OFFICER: Actor = { accountId: 'acc-e2e', role: 'office-officer' };
const MESSAGE = 'Foto kartu BPJS buram, mohon foto ulang.';
const VAPID_SUBJECT = 'mailto:dinkes@sumenepkab.go.id';

let harness: SeededApp;
let url: string;
let push: LocalPushService;
let server: PushServer;
let profileDir: string;
let context: BrowserContext;
/** The application the first test delivered, and the worker's registration (for the tap tests). */
let delivered: { id: string; trackingNumber: string; registrationId: string } | undefined;

type Shown = { title: string; body: string; tag: string; data: { url?: string } };

beforeAll(async () => {
  server = await startPushServer(VAPID_SUBJECT);
  ({ harness, url, push } = server);
  profileDir = await tempDir('nusa-profile-');
  context = await openProfile(profileDir);
  const page = context.pages()[0] ?? (await context.newPage());
  await installApp(page, url);
});

afterAll(async () => {
  await context?.close();
  await server?.close();
  if (profileDir) await rm(profileDir, { recursive: true, force: true });
});

describe('notifications with the app closed', () => {
  it('shows the pushed needs-correction notice with no page open, and its click opens the application', async () => {
    const page: Page = context.pages()[0] ?? (await context.newPage());
    const id = await queueApplication(page, url, 'pendaftaran-puskesmas');
    await expect.poll(() => page.locator('.state').first().textContent(), { timeout: 30_000 }).toMatch(/^Terkirim/);
    const [stored] = await harness.db.query<{ tracking_number: string }>(
      'select tracking_number from applications where id = $1::uuid',
      [id],
    );

    // Nothing asked for the notification permission on the way here: the offer is on the delivered
    // application's page, explained, and asks only when tapped.
    expect(await page.evaluate(() => Notification.permission)).toBe('default');
    const offer = page.locator('.push-optin');
    await expect
      .poll(() => offer.textContent(), { timeout: 30_000 })
      .toContain('nomor permohonan, layanan dan statusnya');
    await expectAccessible(page, 'push opt-in');
    await context.grantPermissions(['notifications'], { origin: new URL(url).origin });
    // Tapped: the browser has the permission now, but headless Chromium reaches no push service, so
    // its subscription never completes: the resident is told, instead of a button that does nothing.
    await offer.getByRole('button', { name: 'Aktifkan pemberitahuan' }).click();
    await expect
      .poll(() => offer.getByRole('alert').textContent(), { timeout: 30_000 })
      .toBe('Pemberitahuan belum bisa diaktifkan. Periksa sinyal lalu coba lagi.');
    expect(await offer.getByRole('button', { name: 'Aktifkan pemberitahuan' }).isEnabled()).toBe(true);

    // The device follows its application: the secret it keeps in its outbox proves it is the applicant's.
    const secret = await outboxSecret(page, id);
    const followed = await fetch(`${url}/api/push/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ target: { kind: 'application', id }, secret, subscription: push.subscribe() }),
    });
    expect(followed.status).toBe(204);

    // Every page of the app is closed (a blank tab keeps the DevTools session).
    const cdp = await context.newCDPSession(page);
    const registrationId = await registrationOf(cdp, url);
    delivered = { id, trackingNumber: stored!.tracking_number, registrationId };
    await page.goto('about:blank');
    const worker = await appWorker(context);
    const windows = () =>
      worker.evaluate(async () =>
        (await (self as unknown as WorkerScope).clients.matchAll({ type: 'window' })).map((c) => c.url),
      );
    // The worker forgets the navigated-away client a moment after the navigation commits, not at once.
    await expect.poll(windows, { timeout: 10_000 }).toEqual([]);

    // The office sends it back; the server's worker pushes the notice to the push service.
    expect(await moveApplication(harness.db, 'all', id, { to: 'verifying' }, OFFICER)).toMatchObject({ ok: true });
    expect(
      await moveApplication(harness.db, 'all', id, { to: 'needs-correction', message: MESSAGE }, OFFICER),
    ).toMatchObject({ ok: true });
    await push.waitFor(() => push.received.length > 0, 30_000);
    expect(push.rejected).toEqual([]);
    const payload = push.received[0]!.payload as { trackingNumber: string; message: string };
    expect(payload).toMatchObject({
      event: 'needs-correction',
      trackingNumber: stored!.tracking_number,
      message: MESSAGE,
    });

    // The same payload, delivered to the service worker as the push service would.
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(url).origin,
      registrationId,
      data: JSON.stringify(payload),
    });
    const shown = () => shownNotifications(worker);
    await expect.poll(shown, { timeout: 15_000 }).toHaveLength(1);
    const [notification] = (await shown()) as Shown[];
    expect(notification).toEqual({
      title: 'Permohonan perlu perbaikan',
      body: `${stored!.tracking_number} · Pendaftaran rawat jalan Puskesmas\n${MESSAGE}`,
      tag: `nusa-layan:${stored!.tracking_number}`,
      data: { url: `/permohonan/${id}`, trackingNumber: stored!.tracking_number, event: 'needs-correction' },
    });
    expect(await windows()).toEqual([]);

    // The resident opens the app on its home screen, then taps the notification: the worker's
    // notificationclick (dispatched in the worker: there is no DevTools command for a tap) moves the
    // app to the application's page.
    const app = await context.newPage();
    await app.goto(`${url}/`);
    await expect.poll(() => app.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await tapNotification(worker);
    await app.waitForURL(`${url}/permohonan/${id}`, { timeout: 30_000 });
    const correction = app.locator('.office-update--correction');
    await expect.poll(() => correction.textContent(), { timeout: 30_000 }).toContain(MESSAGE);
    // The tapped notification is closed.
    await expect.poll(shown).toHaveLength(0);
    await expectAccessible(app, 'application opened from a notification');
  });

  it('opens a window on the application when a notification is tapped with no window of the app open', async () => {
    const { id, trackingNumber, registrationId } = delivered!;
    for (const p of context.pages()) await p.goto('about:blank');
    const page = context.pages()[0]!;
    const cdp = await context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    const worker = await appWorker(context);
    await expect
      .poll(() =>
        worker.evaluate(
          async () => (await (self as unknown as WorkerScope).clients.matchAll({ type: 'window' })).length,
        ),
      )
      .toBe(0);
    // The worker's real clients, watched: every openWindow call is recorded with how it ended, and
    // still goes to Chromium's own openWindow.
    await worker.evaluate(() => {
      type Watched = { openWindow(url: string): Promise<{ url: string } | null> };
      const clients = (self as unknown as { clients: Watched }).clients;
      const real = clients.openWindow.bind(clients);
      const calls: Array<{ url: string; outcome?: string }> = [];
      (self as unknown as { taps: typeof calls }).taps = calls;
      clients.openWindow = (target: string) => {
        const call: { url: string; outcome?: string } = { url: target };
        calls.push(call);
        return real(target).then(
          (opened) => {
            call.outcome = `opened ${opened?.url ?? '(no client)'}`;
            return opened;
          },
          (err: Error) => {
            call.outcome = `rejected ${err.name}: ${err.message}`;
            throw err;
          },
        );
      };
    });
    await cdp.send('ServiceWorker.deliverPushMessage', {
      origin: new URL(url).origin,
      registrationId,
      data: JSON.stringify({ event: 'completed', trackingNumber, url: `/permohonan/${id}` }),
    });
    await expect
      .poll(() =>
        worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).length),
      )
      .toBe(1);
    await tapNotification(worker);
    const taps = () => worker.evaluate(() => (self as unknown as { taps: unknown[] }).taps);
    await expect.poll(async () => ((await taps()) as Array<{ outcome?: string }>)[0]?.outcome).toBeDefined();
    // The tap, with no window of the app, asked Chromium to open one on the application's page. The
    // tap is dispatched by script, which Chromium does not let open windows (only a tap on the system
    // notification grants that, and headless Chromium has no way to tap one): it refuses with exactly
    // that reason, and no page opens.
    expect(await taps()).toEqual([
      { url: `${url}/permohonan/${id}`, outcome: 'rejected InvalidAccessError: Not allowed to open a window.' },
    ]);
    expect(context.pages().map((p) => p.url())).toEqual(context.pages().map(() => 'about:blank'));
    await expect
      .poll(() =>
        worker.evaluate(async () => (await (self as unknown as WorkerScope).registration.getNotifications()).length),
      )
      .toBe(0);
  });
});
