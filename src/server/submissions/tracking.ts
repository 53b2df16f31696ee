// Tracking numbers: made on the server (random, not guessable from a neighbour's) and read back as a
// resident types or hears them, so input is forgiving about case, spacing and look-alike letters.
import { randomInt } from 'node:crypto';
import type { TrackingNumber } from '../../domain/submissions/submission.ts';

/** Crockford base32: no I, L or O (read as 1, 1 and 0), and no U (fewer accidental words). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const HALF = 4;

/** A fresh "XXXX-XXXX": 40 random bits, so a collision is rare but possible (the store retries). */
export function newTrackingNumber(): TrackingNumber {
  let chars = '';
  for (let i = 0; i < HALF * 2; i++) chars += ALPHABET[randomInt(ALPHABET.length)];
  return `${chars.slice(0, HALF)}-${chars.slice(HALF)}`;
}

/**
 * What a person typed or read out → the canonical "XXXX-XXXX", or null. Case, spaces and the dash
 * do not matter, and Crockford's aliases apply: O is 0, I and L are 1 (people read them that way).
 */
export function normalizeTrackingNumber(input: string): TrackingNumber | null {
  const chars = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replaceAll('O', '0')
    .replace(/[IL]/g, '1');
  if (chars.length !== HALF * 2 || [...chars].some((c) => !ALPHABET.includes(c))) return null;
  return `${chars.slice(0, HALF)}-${chars.slice(HALF)}`;
}
