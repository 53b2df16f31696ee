// Service worker entry: wires events only; the work lives in its own modules.
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import { handleNotifications } from './notifications.ts';
import { storeOnDemandPart } from './on-demand-loader.ts';
import { handleOutboxSync } from './outbox-sync.ts';
import { installShell } from './shell.ts';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<PrecacheEntry | string> };

installShell(self, self.__WB_MANIFEST);
storeOnDemandPart(self);
handleOutboxSync(self);
handleNotifications(self);

// The first install takes control at once, so the app works offline from its first launch. A later
// version waits until the user taps "Perbarui" in the page, which posts SKIP_WAITING.
clientsClaim();
self.addEventListener('message', (event: ExtendableMessageEvent) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});
