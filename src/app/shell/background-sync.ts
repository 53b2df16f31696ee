// Starts the background work once the first screen is shown (first-screen.ts) — the catalogue sync,
// the page's share of delivering the outbox, and following the office's updates of sent applications
// and the answers to complaints; their code is in separate chunks, so the first screen does not pay
// for it. With no signal it waits for one: offline there is nothing to fetch or deliver, and opening
// the device database on a cold start would only slow the screen the resident is using.
import { whenOutboxExists } from '../../data/outbox/presence.ts';
import { yieldToMain } from '../../data/yield.ts';
import { afterFirstScreen } from './first-screen.ts';

export function startBackgroundSync(): () => void {
  let stop: (() => void) | undefined;
  let cancelled = false;
  let stopOutbox: (() => void) | undefined;
  let stopFollowing: (() => void) | undefined;
  let stopWaiting: (() => void) | undefined;
  const startDelivery = async () => {
    try {
      // Evaluating the device-data chunk is a long task of its own; what starts after it gets a task
      // of its own too, instead of running in the microtasks right after it.
      const outbox = await import('../../data/outbox/submit.ts');
      await yieldToMain();
      if (cancelled) return;
      stopOutbox = outbox.keepOutboxMoving();
      await yieldToMain();
      if (cancelled) return;
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
    } catch {
      // The chunk could not load (the signal went before it came): the next visit starts again.
    }
  };
  const start = async () => {
    window.removeEventListener('online', start);
    if (cancelled) return;
    // The catalogue first: it is what makes the app work offline. Its check runs in a worker.
    void import('../../data/catalogue/background.ts')
      .then((m) => m.startCatalogueSync())
      .then((s) => {
        if (cancelled) s();
        else stop = s;
      })
      .catch(() => {
        // The chunk could not load (the signal went before it came): the next visit starts again.
      });
    await yieldToMain();
    if (cancelled) return;
    // Delivering and following need an outbox: a device that never sent anything has none, and
    // loading their code (the device-data chunk) would only block the page. They start when it has one.
    stopWaiting = whenOutboxExists(() => void startDelivery());
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
    stopWaiting?.();
    stopOutbox?.();
    stopFollowing?.();
  };
}
