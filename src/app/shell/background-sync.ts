// Starts the background work once the first screen is shown (first-screen.ts) — the catalogue sync,
// the page's share of delivering the outbox, and following the office's updates of sent applications
// and the answers to complaints; their code is in separate chunks, so the first screen does not pay
// for it. With no signal it waits for one: offline there is nothing to fetch or deliver, and opening
// the device database on a cold start would only slow the screen the resident is using.
import { afterFirstScreen } from './first-screen.ts';

export function startBackgroundSync(): () => void {
  let stop: (() => void) | undefined;
  let cancelled = false;
  let stopOutbox: (() => void) | undefined;
  let stopFollowing: (() => void) | undefined;
  const start = () => {
    window.removeEventListener('online', start);
    if (cancelled) return;
    void import('../../data/outbox/submit.ts').then((m) => {
      if (!cancelled) stopOutbox = m.keepOutboxMoving();
    });
    void Promise.all([
      import('../../data/applications/sync.ts').then((m) => m.followApplications()),
      import('../../data/feedback/sync.ts').then((m) => m.followComplaints()),
    ])
      .then((stops) => {
        stopFollowing = () => {
          for (const s of stops) s();
        };
        if (cancelled) stopFollowing();
      })
      .catch(() => undefined);
    return import('../../data/catalogue/background.ts')
      .then((m) => m.startCatalogueSync())
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => {
        // IndexedDB unavailable (private mode, quota): screens report it where data is needed.
      });
  };
  const cancelWait = afterFirstScreen(() => {
    if (navigator.onLine) void start();
    else window.addEventListener('online', start);
  });
  return () => {
    cancelled = true;
    cancelWait();
    window.removeEventListener('online', start);
    stop?.();
    stopOutbox?.();
    stopFollowing?.();
  };
}
