// Entry point the shell loads after first paint: open the device database and keep the catalogue
// fresh in the background. The screens never wait for this; they show what the device has.
import { openDatabase } from '../database.ts';
import { keepCatalogueFresh } from './sync.ts';

export async function startCatalogueSync(): Promise<() => void> {
  const db = await openDatabase();
  return keepCatalogueFresh(db);
}
