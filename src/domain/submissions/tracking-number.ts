// Tracking numbers as people use them: Crockford base32 "XXXX-XXXX", read back forgivingly about
// case, spacing and look-alike letters. Shared by the server (lookups) and the app (/lacak).
import type { TrackingNumber } from './submission.ts';

/** Crockford base32: no I, L or O (read as 1, 1 and 0), and no U (fewer accidental words). */
export const TRACKING_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_HALF = 4;

/**
 * What a person typed or read out → the canonical "XXXX-XXXX", or null. Case, spaces and the dash
 * do not matter, and Crockford's aliases apply: O is 0, I and L are 1 (people read them that way).
 */
export function normalizeTrackingNumber(input: string): TrackingNumber | null {
  const chars = input.toUpperCase().replace(/[\s-]/g, '').replaceAll('O', '0').replace(/[IL]/g, '1');
  if (chars.length !== TRACKING_HALF * 2 || [...chars].some((c) => !TRACKING_ALPHABET.includes(c))) return null;
  return `${chars.slice(0, TRACKING_HALF)}-${chars.slice(TRACKING_HALF)}`;
}

/**
 * A kiosk receipt's provisional code: the application id's last 8 hex digits as "XXXX-XXXX". The id
 * travels inside the sealed box, so the server learns the code when the box is delivered; the digits
 * are random bits of the UUIDv7, telling nothing of the resident. Hex digits are tracking-number
 * characters too, so a code reads back through normalizeTrackingNumber.
 */
export function provisionalCode(applicationId: string): string {
  const tail = applicationId.replaceAll('-', '').slice(-8).toUpperCase();
  return `${tail.slice(0, 4)}-${tail.slice(4)}`;
}

/** Whether a normalized number could be a provisional code (hex digits only). */
export const maybeProvisionalCode = (number: string): boolean => /^[0-9A-F]{4}-[0-9A-F]{4}$/.test(number);
