// Background Sync: the browser wakes the service worker when connectivity returns — even with no
// page open — and it drains the outbox. A drain that stops for lack of network rejects, so the
// browser schedules another attempt.
import { SYNC_TAG } from '../src/data/outbox/sync-tag.ts';
import { onDemand } from './on-demand-loader.ts';

type SyncEvent = ExtendableEvent & { tag: string; lastChance?: boolean };

export function handleOutboxSync(scope: ServiceWorkerGlobalScope): void {
  scope.addEventListener('sync', (event) => {
    const e = event as SyncEvent;
    if (e.tag !== SYNC_TAG) return;
    e.waitUntil(
      Promise.resolve()
        .then(() => onDemand(scope).drainOutbox({ cause: 'forced' }))
        .then((report) => {
          if (report.stoppedBy === 'offline') throw new Error('outbox not drained: no network');
        }),
    );
  });
}
