// The validation context on the device: today, the district codes of all Indonesia for NIK and KK
// (a large table, so only the screens that validate load this module), the villages of the region
// for addresses. Error codes in words are in error-messages.ts.
import { DISTRICT_RUNS } from 'virtual:district-codes';
import type { ValidationContext } from '../../domain/forms/validate.ts';
import { districtSetFromCompact, expandDistrictRuns } from '../../domain/identity/district-set.ts';
import type { RegionDataset } from '../../domain/region.ts';

const districtExists = districtSetFromCompact(expandDistrictRuns(DISTRICT_RUNS));

export function validationContext(region: RegionDataset | undefined, today = new Date()): ValidationContext {
  const villages = region ? new Set(region.villages.map(([code]) => code)) : undefined;
  return { today, districtExists, ...(villages ? { villageExists: (code: string) => villages.has(code) } : {}) };
}
