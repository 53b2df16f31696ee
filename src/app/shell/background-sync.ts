// Starts the catalogue sync once the page has painted and loaded; the database code is a separate
// chunk, so the first screen does not pay for it.
export function startBackgroundSync(): () => void {
  let stop: (() => void) | undefined;
  let cancelled = false;
  const start = () =>
    import('../../data/catalogue/background.ts')
      .then((m) => m.startCatalogueSync())
      .then((s) => (cancelled ? s() : (stop = s)))
      .catch(() => {
        // IndexedDB unavailable (private mode, quota): screens report it where data is needed.
      });
  if (document.readyState === 'complete') void start();
  else window.addEventListener('load', () => void start(), { once: true });
  return () => {
    cancelled = true;
    stop?.();
  };
}
