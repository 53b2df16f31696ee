// The validation context on the device (today, the district codes of all Indonesia for NIK and KK,
// the villages of the region for addresses) and the translation of error codes into messages.
import { DISTRICT_CODES } from 'virtual:district-codes';
import type { FieldError, ValidationContext } from '../../domain/forms/validate.ts';
import { districtSetFromCompact } from '../../domain/identity/district-set.ts';
import type { RegionDataset } from '../../domain/region.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';

const districtExists = districtSetFromCompact(DISTRICT_CODES);

export function validationContext(region: RegionDataset | undefined, today = new Date()): ValidationContext {
  const villages = region ? new Set(region.villages.map(([code]) => code)) : undefined;
  return { today, districtExists, ...(villages ? { villageExists: (code: string) => villages.has(code) } : {}) };
}

export function errorMessage(error: FieldError, t: Translate): string {
  return t(`error.${error.code}` as MessageKey, error.params);
}
