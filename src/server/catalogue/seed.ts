// Loads the seed catalogue into an empty database, and keeps the region dataset current with the
// installed idn-area-data. Re-running it changes nothing: unchanged documents are not rewritten.

import { loadRegionDataset } from '../region/dataset.ts';
import type { Database } from '../storage/db.ts';
import { SEED_ANNOUNCEMENTS } from './seed/announcements.ts';
import { SEED_OFFICES } from './seed/offices.ts';
import { SEED_SERVICES } from './seed/services.ts';
import { countDocuments, putDocuments } from './store.ts';

export type SeedReport = { seeded: boolean; regionUpdated: boolean };

export async function seedCatalogue(db: Database, regencyCode: string): Promise<SeedReport> {
  const empty = (await countDocuments(db, 'services')) === 0 && (await countDocuments(db, 'offices')) === 0;
  if (empty) {
    // Offices first: services and announcements refer to them.
    await putDocuments(db, 'offices', SEED_OFFICES);
    await putDocuments(db, 'services', SEED_SERVICES);
    await putDocuments(db, 'announcements', SEED_ANNOUNCEMENTS);
  }
  const region = await loadRegionDataset(regencyCode, new Date().toISOString());
  const written = await putDocuments(db, 'regions', [region]);
  return { seeded: empty, regionUpdated: written.length > 0 };
}
