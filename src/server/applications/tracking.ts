// Tracking numbers made on the server: random, not guessable from a neighbour's, and the insert that
// gives a new row one exactly once (applications and complaints). Reading them back (forgiving
// about case, spacing, look-alikes) is in the domain, shared with the app.
import { randomInt } from 'node:crypto';
import type { TrackingNumber } from '../../domain/submissions/submission.ts';
import { TRACKING_ALPHABET as ALPHABET, TRACKING_HALF as HALF } from '../../domain/submissions/tracking-number.ts';

/** A fresh "XXXX-XXXX": 40 random bits, so a collision is rare but possible (the store retries). */
export function newTrackingNumber(): TrackingNumber {
  let chars = '';
  for (let i = 0; i < HALF * 2; i++) chars += ALPHABET[randomInt(ALPHABET.length)];
  return `${chars.slice(0, HALF)}-${chars.slice(HALF)}`;
}

// 40 random bits make even one collision unlikely for years; a few retries cover bad luck, and a
// loop that never ends would hide a bug (e.g. a generator that stopped being random).
const TRACKING_ATTEMPTS = 5;

/**
 * Stores a new row under a fresh tracking number, once per id, inside the caller's transaction.
 * `insert(number)` runs an `insert … on conflict do nothing returning …` and answers the stored row,
 * or undefined when a unique key was taken. `do nothing` rather than a failed statement: an error
 * would abort the transaction, and both conflicts have an answer without one. Then either the same
 * id committed while the request was checking it (a concurrent resend, or twice in one batch), and
 * `stored()` answers with that row, or the tracking number was taken: draw another.
 */
export async function insertOnce<T>(
  what: string,
  insert: (trackingNumber: TrackingNumber) => Promise<T | undefined>,
  stored: () => Promise<T | null | undefined>,
  draw: () => TrackingNumber,
): Promise<T> {
  for (let attempt = 0; attempt < TRACKING_ATTEMPTS; attempt++) {
    const row = await insert(draw());
    if (row) return row;
    const existing = await stored();
    if (existing) return existing;
  }
  throw new Error(`no free ${what} tracking number after ${TRACKING_ATTEMPTS} attempts`);
}
