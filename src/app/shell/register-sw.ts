// Registers the service worker and reports a waiting new version. The new version takes over only
// when the user asks (applyUpdate); the page reloads once it controls, never on its own.
import { Workbox } from 'workbox-window';
import { nudgeActivation } from './activation-nudge.ts';

export function registerServiceWorker(onUpdateWaiting: (applyUpdate: () => void) => void): void {
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('waiting', () => {
    onUpdateWaiting(() => {
      void registered.then((registration) => {
        // The new version may have taken over since the banner showed (the tap in another tab, or
        // this page's last client of the old one closing): nothing waits any more, and only the
        // reload the user asked for is left.
        if (!registration?.waiting) return window.location.reload();
        wb.addEventListener('controlling', () => window.location.reload());
        wb.messageSkipWaiting();
        nudgeActivation(registration);
      });
    });
  });
  // Look for a new version whenever the app comes back to the foreground with a network.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && navigator.onLine) void wb.update();
  });
  const registered = wb.register();
}
