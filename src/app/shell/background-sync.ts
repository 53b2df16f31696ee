// Starts the background work once the page has painted and loaded — the catalogue sync, the page's
// share of delivering the outbox, and following the office's updates of sent applications and the
// answers to complaints; their code is in separate chunks, so the first screen does not pay for it.
export function startBackgroundSync(): () => void {
  let stop: (() => void) | undefined;
  let cancelled = false;
  let stopOutbox: (() => void) | undefined;
  let stopFollowing: (() => void) | undefined;
  const start = () => {
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
  if (document.readyState === 'complete') void start();
  else window.addEventListener('load', () => void start(), { once: true });
  return () => {
    cancelled = true;
    stop?.();
    stopOutbox?.();
    stopFollowing?.();
  };
}
