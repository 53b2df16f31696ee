// The Nomor KK (family card number). Only its first six digits (the issuing district) have a
// documented meaning; the split of the rest is not verified (domain.md), so nothing else is checked.
import { dottedDistrictCode, type IdNumberContext, normalizeIdNumber } from './nik.ts';
import { type RetiredRegion, retiredRegion } from './retired-regions.ts';

export type KkError = 'kk.length' | 'kk.digits' | 'kk.region';

export type KkCheck = { ok: true; districtCode: string; retired?: RetiredRegion } | { ok: false; error: KkError };

/** Same order as the NIK check: digits, length, then the region code. */
export function checkKk(value: string, ctx: Pick<IdNumberContext, 'districtExists'>): KkCheck {
  const kk = normalizeIdNumber(value);
  if (!/^\d*$/.test(kk)) return { ok: false, error: 'kk.digits' };
  if (kk.length !== 16) return { ok: false, error: 'kk.length' };
  const district = kk.slice(0, 6);
  if (ctx.districtExists(district)) return { ok: true, districtCode: dottedDistrictCode(district) };
  // As for NIK: a retired code is accepted with today's beside it; another unknown one is confirmable.
  const retired = retiredRegion(district);
  return retired
    ? { ok: true, districtCode: dottedDistrictCode(district), retired }
    : { ok: false, error: 'kk.region' };
}
