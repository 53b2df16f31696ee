// The resident answers the office back or reopens their complaint from this device: the server checks
// the secret only this device holds (the outbox entry's), then the change comes back by the usual
// pull. Like a withdrawal it needs the network now (not queued), so the resident sees at once
// whether it took effect.
import type { ComplaintResidentRefusal } from '../../domain/feedback/complaint.ts';
import { ComplaintResidentRefusal as Refusal } from '../../domain/feedback/complaint.ts';
import { outboxDatabase } from '../outbox/outbox-db.ts';
import { refreshComplaints } from './sync.ts';

export type RespondOutcome = 'done' | 'offline' | 'failed' | ComplaintResidentRefusal;

export async function respondToComplaint(id: string, kind: 'reply' | 'reopen', text: string): Promise<RespondOutcome> {
  const entry = await outboxDatabase().entries.get(id);
  if (entry?.kind !== 'complaint') return 'failed';
  let res: Response;
  try {
    res = await fetch(`/api/complaints/${encodeURIComponent(id)}/${kind === 'reply' ? 'replies' : 'reopening'}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ secret: entry.secret, text }),
      cache: 'no-store',
    });
  } catch {
    return 'offline';
  }
  if (res.ok) {
    refreshComplaints();
    return 'done';
  }
  if (res.status === 409) {
    refreshComplaints();
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    const code = Refusal.safeParse(body?.error?.code);
    return code.success ? code.data : 'failed';
  }
  // The service worker answers an unreachable server with its own 503.
  return res.status === 503 ? 'offline' : 'failed';
}
