// The app's service worker as the push e2e tests drive it: found through Playwright, addressed over
// the DevTools protocol's ServiceWorker domain (deliverPushMessage), and the record's secret a device
// keeps in its outbox, with which it follows the record by Web Push; and the server that pushes.
import type { BrowserContext, CDPSession, Page, Worker } from 'playwright-core';
import { expect } from 'vitest';
import webpush from 'web-push';
import { pushSender } from '../../src/server/notify/senders.ts';
import { startNotifier } from '../../src/server/notify/worker.ts';
import { LocalPushService } from './push-service.ts';
import { type SeededApp, seededApp } from './seeded-app.ts';
import { DIST } from './server.ts';

/** The little of a service worker's global scope the tests read (this project's lib is the DOM's). */
export type WorkerScope = {
  registration: ServiceWorkerRegistration;
  clients: { matchAll(options: { type: 'window' }): Promise<Array<{ url: string }>> };
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
};

/** The app's service worker, as Playwright sees it (its evaluate runs in the worker). */
export async function appWorker(context: BrowserContext): Promise<Worker> {
  await expect.poll(() => context.serviceWorkers().length, { timeout: 30_000 }).toBeGreaterThan(0);
  return context.serviceWorkers()[0]!;
}

/** The registration id of the app's service worker, for CDP's ServiceWorker domain (left enabled). */
export async function registrationOf(cdp: CDPSession, origin: string): Promise<string> {
  const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted?: boolean }> = [];
  cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) =>
    registrations.push(...e.registrations),
  );
  await cdp.send('ServiceWorker.enable');
  await expect.poll(() => registrations.some((r) => r.scopeURL.startsWith(origin) && !r.isDeleted)).toBe(true);
  return registrations.filter((r) => r.scopeURL.startsWith(origin) && !r.isDeleted).at(-1)!.registrationId;
}

/** The secret the device keeps with an application in its outbox (it proves the device is the applicant's). */
export function outboxSecret(page: Page, id: string): Promise<string> {
  return page.evaluate(
    (key) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('nusalayan-outbox');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const get = open.result.transaction('entries', 'readonly').objectStore('entries').get(key);
          get.onsuccess = () => resolve((get.result as { secret: string }).secret);
        };
      }),
    id,
  );
}

/** The notifications the worker shows now. */
export function shownNotifications(worker: Worker) {
  return worker.evaluate(async () =>
    (await (self as unknown as WorkerScope).registration.getNotifications()).map((n) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data as { url?: string },
    })),
  );
}

/** Taps the first notification shown, as the worker's notificationclick (there is no DevTools command for a tap). */
export function tapNotification(worker: Worker): Promise<void> {
  return worker.evaluate(async () => {
    const scope = self as unknown as WorkerScope;
    const [n] = await scope.registration.getNotifications();
    scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification: n! }));
  });
}

/**
 * The server with Web Push on (fresh VAPID keys), its built app served, the notification worker
 * sending through `web-push` to a push service the test runs.
 */
export async function startPushServer(subject: string): Promise<PushServer> {
  const vapid = { subject, ...webpush.generateVAPIDKeys() };
  const push = await LocalPushService.start(vapid.publicKey);
  const harness = await seededApp(
    { kind: 'pglite' },
    {
      app: { staticDir: DIST, logLevel: 'silent', push: { vapidPublicKey: vapid.publicKey, allowHttpEndpoints: true } },
    },
  );
  const url = await harness.app.listen({ host: '127.0.0.1', port: 0 });
  const notifier = startNotifier(
    harness.db,
    { push: pushSender(vapid, { allowPrivateAddresses: true }), text: null },
    (err) => {
      throw err;
    },
  );
  return {
    harness,
    url,
    push,
    async close() {
      await notifier.stop();
      await harness.close();
      await push.close();
    },
  };
}

export type PushServer = { harness: SeededApp; url: string; push: LocalPushService; close(): Promise<void> };
