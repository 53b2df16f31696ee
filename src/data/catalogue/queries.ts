// Live views of the catalogue on the device: each emits now from IndexedDB and again on every change,
// so screens show what the device has at once and update when a sync lands.
import type { RxCollection } from 'rxdb';
import { combineLatest, from, map, type Observable, switchMap } from 'rxjs';
import type { CatalogueCollection, CatalogueDoc } from '../../domain/catalogue/collections.ts';
import { type NusaDatabase, openDatabase } from '../database.ts';
import type { CatalogueSnapshot } from './snapshot.ts';

function live<C extends CatalogueCollection>(collection: C): Observable<Array<CatalogueDoc<C>>> {
  return from(openDatabase()).pipe(
    switchMap((db) => (db[collection] as unknown as RxCollection<CatalogueDoc<C>>).find().$),
    map((docs) => docs.map((d) => d.toJSON(false) as CatalogueDoc<C>)),
  );
}

export const services$ = () => live('services');
export const offices$ = () => live('offices');
export const announcements$ = () => live('announcements');
export const regions$ = () => live('regions');

/** Services, offices and announcements together, live. */
export const catalogue$ = (): Observable<CatalogueSnapshot> =>
  combineLatest([services$(), offices$(), announcements$()]).pipe(
    map(([services, offices, announcements]) => ({ services, offices, announcements })),
  );

/** Services, offices and announcements as the database holds them now. */
export async function readCatalogue(db: NusaDatabase): Promise<CatalogueSnapshot> {
  const all = async <C extends 'services' | 'offices' | 'announcements'>(c: C) =>
    (await (db[c] as unknown as RxCollection<CatalogueDoc<C>>).find().exec()).map(
      (d) => d.toJSON(false) as CatalogueDoc<C>,
    );
  const [services, offices, announcements] = await Promise.all([all('services'), all('offices'), all('announcements')]);
  return { services, offices, announcements };
}
