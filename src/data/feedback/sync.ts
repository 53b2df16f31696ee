// The office's answers to this device's complaints (GET /api/sync/complaints/pull), followed through
// the device feed (device-feed.ts) like the applications' updates: the server says "changed" on the
// device's stream for complaints too, and each delivered complaint pulls again.
import { from, map, type Observable, switchMap } from 'rxjs';
import type { ComplaintUpdate } from '../../domain/feedback/complaint.ts';
import { COMPLAINTS_SCHEMA_VERSION, openDatabase } from '../database.ts';
import { type Following, followDeviceCollection } from '../device-feed.ts';
import { deviceKey } from '../outbox/device-key.ts';

let running: { following: Following; users: number } | undefined;

/** Starts following this device's complaints (once it has a key); returns a stop function. */
export async function followComplaints(): Promise<() => void> {
  const key = await deviceKey(false);
  if (!key) return () => undefined;
  const db = await openDatabase();
  running ??= {
    following: followDeviceCollection(
      db.complaints,
      `complaints-v${COMPLAINTS_SCHEMA_VERSION}`,
      '/api/sync/complaints/pull',
      key,
    ),
    users: 0,
  };
  running.users++;
  return release;
}

/** Pull now (a complaint was just delivered: its first state is on the server). */
export function refreshComplaints(): void {
  running?.following.refresh();
}

function release(): void {
  if (!running || --running.users > 0) return;
  running.following.stop();
  running = undefined;
}

export const complaintUpdates$ = (): Observable<ComplaintUpdate[]> =>
  from(openDatabase()).pipe(
    switchMap((db) => db.complaints.find().$),
    map((docs) => docs.map((d) => d.toMutableJSON(false) as ComplaintUpdate)),
  );
