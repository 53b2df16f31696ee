// The app shell offline: precache the build (Workbox manifest injected at build time), drop caches of
// older versions, and answer every navigation with the cached shell — except API calls. Home and the
// catalogue list come with their last look in the shell (screen-copy.ts).
//
// Workbox's own install fetches the precache one file after another (workbox#2528: memory on huge
// precaches); on a satellite link that costs a round trip per file, most of a first visit. This
// install asks for PARALLEL files at a time, as many as a browser keeps connections to one host,
// through the same PrecacheStrategy (same cache, same revision handling, same integrity checks).
import { cleanupOutdatedCaches, PrecacheController, type PrecacheEntry, PrecacheRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { withScreenCopy } from './screen-copy.ts';

const PARALLEL = 6;

export function installShell(scope: ServiceWorkerGlobalScope, manifest: Array<PrecacheEntry | string>): void {
  const controller = new PrecacheController();
  controller.addToCacheList(manifest);
  // A revisioned entry (index.html, icons) must not come from the HTTP cache; a hashed one may.
  const revisioned = new Set(
    manifest.flatMap((e) => (typeof e !== 'string' && e.revision ? [new URL(e.url, scope.location.href).href] : [])),
  );

  scope.addEventListener('install', (event) => {
    const jobs = [...controller.getURLsToCacheKeys()];
    const worker = async () => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const [url, cacheKey] = job;
        const request = new Request(url, {
          integrity: controller.getIntegrityForCacheKey(cacheKey),
          cache: revisioned.has(url) ? 'reload' : 'default',
          credentials: 'same-origin',
        });
        await Promise.all(controller.strategy.handleAll({ params: { cacheKey }, request, event }));
      }
    };
    event.waitUntil(Promise.all(Array.from({ length: PARALLEL }, worker)));
  });
  scope.addEventListener('activate', (event) => void controller.activate(event));

  // Navigations first: the precache route would answer `/` itself (its directory index), without
  // the screen's copy.
  const shell = controller.createHandlerBoundToURL('index.html');
  registerRoute(
    new NavigationRoute(async (options) => withScreenCopy(await shell(options), options.url), {
      denylist: [/^\/api\//],
    }),
  );
  registerRoute(new PrecacheRoute(controller));
  cleanupOutdatedCaches();
}
