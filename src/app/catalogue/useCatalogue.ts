// The whole catalogue on the device, live: services, offices and announcements together, loaded
// lazily with the database.
import { combineLatest } from 'rxjs';
import { announcements$, offices$, services$ } from '../../data/catalogue/queries.ts';
import type { Announcement } from '../../domain/catalogue/announcement.ts';
import type { Office } from '../../domain/catalogue/office.ts';
import type { Service } from '../../domain/catalogue/service.ts';
import { type Loadable, useObservable } from '../hooks/useObservable.ts';

export type Catalogue = { services: Service[]; offices: Office[]; announcements: Announcement[] };

export function useCatalogue(): Loadable<Catalogue> {
  const state = useObservable<[Service[], Office[], Announcement[]]>(
    () => combineLatest([services$(), offices$(), announcements$()]),
    [],
  );
  if (state.status !== 'ready') return state;
  const [services, offices, announcements] = state.value;
  return { status: 'ready', value: { services, offices, announcements } };
}
