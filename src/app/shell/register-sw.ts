// Registers the service worker and reports a waiting new version. The new version takes over only
// when the user asks (applyUpdate); the page reloads once it controls, never on its own.
import { Workbox } from 'workbox-window';

export function registerServiceWorker(onUpdateWaiting: (applyUpdate: () => void) => void): void {
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    onUpdateWaiting(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  // Look for a new version whenever the app comes back to the foreground with a network.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void wb.update();
  });
  void wb.register();
}
