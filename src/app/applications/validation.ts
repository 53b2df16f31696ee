// The validation context on the device (today, the district codes of all Indonesia for NIK and KK,
// the villages of the region for addresses) and the translation of error codes into messages.
import { DISTRICT_CODES } from 'virtual:district-codes';
import { AttachmentError } from '../../data/attachments/errors.ts';
import { FieldLockedError } from '../../data/field/at-rest.ts';
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

/** Why a picked photo or file was not stored, in words; the picker keeps what was attached before. */
export function attachmentProblem(err: unknown, t: Translate): string {
  // A field officer's tablet while the officer's PIN has not opened it: nothing may be stored plain.
  if (err instanceof FieldLockedError) return t('attachment.locked');
  const code = err instanceof AttachmentError ? err.code : 'unreadable';
  return t(`attachment.${code}` as MessageKey, err instanceof AttachmentError ? err.params : undefined);
}
