// The resident withdraws a delivered application from this device: the server checks the secret only
// this device holds (the outbox entry's), then the new status comes back by the usual pull. It needs
// the network now: a withdrawal is not queued, so the resident sees at once whether it took effect.
import { isApplication, outboxDatabase } from '../outbox/outbox-db.ts';
import { refreshApplications } from './sync.ts';

export type WithdrawOutcome = 'withdrawn' | 'ended' | 'offline' | 'failed';

export async function withdrawApplication(id: string): Promise<WithdrawOutcome> {
  const entry = await outboxDatabase().entries.get(id);
  if (!entry || !isApplication(entry)) return 'failed';
  let res: Response;
  try {
    res = await fetch(`/api/applications/${encodeURIComponent(id)}/withdrawal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ secret: entry.secret }),
      cache: 'no-store',
    });
  } catch {
    return 'offline';
  }
  // Withdrawn now, or already ended (by the office meanwhile): either way, pull the current state.
  if (res.ok || res.status === 409) refreshApplications();
  if (res.ok) return 'withdrawn';
  if (res.status === 409) return 'ended';
  // The service worker answers an unreachable server with its own 503.
  return res.status === 503 ? 'offline' : 'failed';
}
