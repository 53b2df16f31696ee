// The whole catalogue on the device, live: services, offices and announcements together. Read from
// the catalogue screens' copy (snapshot.ts), which needs no database: on a cold start the list shows
// before RxDB opens, and on an empty device it shows from the first pull (first-pull.ts). Only where
// there is no copy yet (an earlier version of the app kept the catalogue in the database alone, or
// the first pull failed) does it follow the database, and writes the copy from it.
import { useEffect, useState } from 'preact/hooks';
import { firstCatalogue } from '../../data/catalogue/first-pull.ts';
import {
  type CatalogueSnapshot,
  onSnapshot,
  readSnapshot,
  snapshotNow,
  writeSnapshot,
} from '../../data/catalogue/snapshot.ts';
import type { Loadable } from '../hooks/useObservable.ts';

export type Catalogue = CatalogueSnapshot;

export function useCatalogue(): Loadable<Catalogue> {
  // Read already (the entry starts at once): the first render shows the catalogue, not "loading".
  const [state, setState] = useState<Loadable<Catalogue>>(() => {
    const copy = snapshotNow();
    return copy ? { status: 'ready', value: copy } : { status: 'loading' };
  });
  useEffect(() => {
    let cancelled = false;
    let live: { unsubscribe(): void } | undefined;
    const show = (value: Catalogue) => {
      // The same copy as shown keeps the same state: no second render.
      if (!cancelled)
        setState((now) => (now.status === 'ready' && now.value === value ? now : { status: 'ready', value }));
    };
    const stop = onSnapshot(show);
    void (async () => {
      const copy = (await readSnapshot()) ?? (await firstCatalogue());
      if (cancelled) return;
      if (copy) return show(copy);
      const { catalogue$ } = await import('../../data/catalogue/queries.ts');
      if (cancelled) return;
      live = catalogue$().subscribe({
        next: (c) => {
          show(c);
          if (c.services.length) void writeSnapshot(c);
        },
        error: (error) => !cancelled && setState({ status: 'error', error }),
      });
    })();
    return () => {
      cancelled = true;
      stop();
      live?.unsubscribe();
    };
  }, []);
  return state;
}
