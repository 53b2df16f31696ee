// The session's draft with its service and the region, live from the device database.
import { combineLatest } from 'rxjs';
import { regions$, services$ } from '../../data/catalogue/queries.ts';
import { draft$ } from '../../data/drafts/drafts.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import { type Loadable, useObservable } from '../hooks/useObservable.ts';

export type KioskDraft = { draft: Draft | null; service: Service | undefined; region: RegionDataset | undefined };

export function useKioskDraft(id: string): Loadable<KioskDraft> {
  const state = useObservable<[Draft | null, Service[], RegionDataset[]]>(
    () => combineLatest([draft$(id), services$(), regions$()]),
    [id],
  );
  if (state.status !== 'ready') return state;
  const [draft, services, regions] = state.value;
  return {
    status: 'ready',
    value: { draft, service: draft ? services.find((s) => s.id === draft.serviceId) : undefined, region: regions[0] },
  };
}
