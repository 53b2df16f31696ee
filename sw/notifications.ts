// Notifications with no page open: a push from the server (a notice: tracking number, service, new
// state, the office's words) becomes a system notification; tapping it opens the application's page
// in the app — focusing an open window of the app if there is one.
import { FALLBACK_NOTIFICATION } from './notification-fallback.ts';
import { onDemand } from './on-demand-loader.ts';

/** The app's page to open: only a path of this origin, whatever the notification carries. */
function targetUrl(scope: ServiceWorkerGlobalScope, data: unknown): string {
  const path = (data as { url?: unknown } | null)?.url;
  const url = new URL(typeof path === 'string' && path.startsWith('/') ? path : '/permohonan', scope.location.origin);
  return url.origin === scope.location.origin ? url.href : new URL('/permohonan', scope.location.origin).href;
}

/**
 * What a tap does, given the worker's clients: move an open window of the app to the record (then
 * bring it forward), or open a new window on it when none is open. Only `matchAll` and `openWindow`
 * of the clients are used, so a test can stand in for them in the real worker.
 */
export async function openApp(
  clients: Pick<Clients, 'matchAll' | 'openWindow'>,
  origin: string,
  url: string,
): Promise<void> {
  const windows = await clients.matchAll({ type: 'window', includeUncontrolled: true });
  const open = windows.find((w) => new URL(w.url).origin === origin) as WindowClient | undefined;
  if (!open) {
    await clients.openWindow(url);
    return;
  }
  // The app is open on another screen: show the record there. Navigating first, because bringing the
  // window to the front needs the tap's permission to interact, which may have run out by then: a
  // window that cannot be focused has still moved to the record.
  const moved = (await open.navigate(url)) ?? open;
  await moved.focus().catch(() => undefined);
}

/** The notice's notification; the plain one if the on-demand part cannot load (a notification is due). */
function notificationFor(scope: ServiceWorkerGlobalScope, data: PushMessageData | null) {
  try {
    return onDemand(scope).notificationOf(data);
  } catch {
    return FALLBACK_NOTIFICATION;
  }
}

export function handleNotifications(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('push', (event) => {
    const { title, options } = notificationFor(scope, event.data);
    event.waitUntil(scope.registration.showNotification(title, options));
  });
  scope.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(openApp(scope.clients, scope.location.origin, targetUrl(scope, event.notification.data)));
  });
}
