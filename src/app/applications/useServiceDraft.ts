// A draft together with the service (and its form) it applies for, live from the device database.
import { combineLatest, map, type Observable } from 'rxjs';
import { applicationUpdates$ } from '../../data/applications/sync.ts';
import { regions$, services$ } from '../../data/catalogue/queries.ts';
import { draft$ } from '../../data/drafts/drafts.ts';
import type { OutboxEntry } from '../../data/outbox/outbox-db.ts';
import { outbox$ } from '../../data/outbox/submit.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import type { Draft } from '../../domain/drafts/draft.ts';
import type { RegionDataset } from '../../domain/region.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { type Loadable, useObservable } from '../hooks/useObservable.ts';

export type ServiceDraft = {
  draft: Draft | null;
  service: Service | undefined;
  region: RegionDataset | undefined;
  /** Present once the resident tapped "Kirim": the draft is then read-only. */
  sent: OutboxEntry | undefined;
  /** The office's side, once the server has it and the device has pulled it. */
  update: ApplicationUpdate | undefined;
};

/** The draft's screen data, live: a new value on every change to any of its parts. */
export function serviceDraft$(id: string): Observable<ServiceDraft> {
  return combineLatest([draft$(id), services$(), regions$(), outbox$(), applicationUpdates$()]).pipe(
    map(([draft, services, regions, outbox, updates]) => ({
      draft,
      service: draft ? services.find((s) => s.id === draft.serviceId) : undefined,
      region: regions[0],
      sent: outbox.find((e) => e.id === id),
      update: updates.find((u) => u.id === id),
    })),
  );
}

export function useServiceDraft(id: string): Loadable<ServiceDraft> {
  return useObservable(() => serviceDraft$(id), [id]);
}
