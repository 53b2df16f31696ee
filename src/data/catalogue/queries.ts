// Live views of the catalogue on the device: each emits now from IndexedDB and again on every change,
// so screens show what the device has at once and update when a sync lands.
import type { RxCollection } from 'rxdb';
import { from, map, type Observable, switchMap } from 'rxjs';
import type { CatalogueCollection, CatalogueDoc } from '../../domain/catalogue/collections.ts';
import { openDatabase } from '../database.ts';

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
