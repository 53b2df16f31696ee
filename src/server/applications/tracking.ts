// Tracking numbers made on the server: random, not guessable from a neighbour's. Reading them back
// (forgiving about case, spacing, look-alikes) is in the domain, shared with the app.
import { randomInt } from 'node:crypto';
import type { TrackingNumber } from '../../domain/submissions/submission.ts';
import { TRACKING_ALPHABET as ALPHABET, TRACKING_HALF as HALF } from '../../domain/submissions/tracking-number.ts';

/** A fresh "XXXX-XXXX": 40 random bits, so a collision is rare but possible (the store retries). */
export function newTrackingNumber(): TrackingNumber {
  let chars = '';
  for (let i = 0; i < HALF * 2; i++) chars += ALPHABET[randomInt(ALPHABET.length)];
  return `${chars.slice(0, HALF)}-${chars.slice(HALF)}`;
}
