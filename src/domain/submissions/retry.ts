// When to try a request again. Written down and typed, because a retry rule that silently never
// matches (a string status compared to numbers) leaves records stuck or resent forever.

/** What a failed or finished exchange with the server means for the record. */
export type Outcome =
  | 'done' // 2xx: read the per-record results
  | 'retry' // the network, a timeout, rate limiting or the server's own fault: try again later
  | 'auth' // 401/403: stop the whole batch and ask the user to sign in again
  | 'reject'; // any other 4xx: the request itself is wrong; trying again cannot help

export type Response = { kind: 'network' } | { kind: 'http'; status: number };

export function outcomeOf(response: Response): Outcome {
  if (response.kind === 'network') return 'retry';
  const s = response.status;
  if (s >= 200 && s < 300) return 'done';
  if (s === 401 || s === 403) return 'auth';
  if (s === 408 || s === 429 || s >= 500) return 'retry';
  return 'reject';
}

/** A record that failed this many times in a row is quarantined: shown, exportable, never dropped. */
export const MAX_ATTEMPTS = 8;

const BASE_MS = 5_000;
const CAP_MS = 30 * 60_000;

/**
 * Exponential backoff with "full jitter" (a random wait between 0 and the exponential ceiling), so
 * a village of devices that regain signal together do not retry in lockstep.
 */
export function backoffMs(attempt: number, random: number): number {
  const ceiling = Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(Math.max(1_000, ceiling * random));
}

/**
 * Why a try happens decides which backoffs it overrides. `forced`: the network just came back, or
 * someone asked (the "Sinkronkan sekarang" button, a Background Sync) — everything goes now.
 * `opened`: a person opened or returned to the app; their signal at the harbour may last minutes, so
 * records that failed only for lack of an answer go now, while those a server refused or asked to
 * slow down for keep their backoff. `periodic`: the page's timer honours every backoff.
 */
export type TryCause = 'forced' | 'opened' | 'periodic';

export function isDue(
  entry: { nextAttemptAt: number; lastError?: { kind: string } },
  now: number,
  cause: TryCause,
): boolean {
  if (cause === 'forced' || entry.nextAttemptAt <= now) return true;
  return cause === 'opened' && (entry.lastError === undefined || entry.lastError.kind === 'network');
}
