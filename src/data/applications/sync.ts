// The office's updates of this device's applications (status, message, pick-up, timeline, issued
// documents — whose bytes documents/keep.ts fetches once), followed through the
// device feed (device-feed.ts). Only a device that has sent something has a key, so nothing runs
// before the first "Kirim".
import { from, map, type Observable, type Subscription, switchMap } from 'rxjs';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { APPLICATIONS_SCHEMA_VERSION, openDatabase } from '../database.ts';
import { type Following, followDeviceCollection } from '../device-feed.ts';
import { keepDocuments } from '../documents/keep.ts';
import { deviceKey } from '../outbox/device-key.ts';

let running: Following | undefined;
let documents: Subscription | undefined;

/** Starts following this device's applications, once it has a key; returns a stop function. */
export async function followApplications(): Promise<() => void> {
  const key = await deviceKey(false);
  if (!key) return () => undefined;
  const db = await openDatabase();
  running ??= followDeviceCollection(
    db.applications,
    `applications-v${APPLICATIONS_SCHEMA_VERSION}`,
    '/api/sync/applications/pull',
    key,
  );
  // Issued documents come with the updates: each is fetched once and kept for offline use.
  documents ??= applicationUpdates$().subscribe((updates) => void keepDocuments(updates));
  return stopFollowing;
}

/** Pull now (after a delivery, the new application's first state is on the server). */
export function refreshApplications(): void {
  running?.refresh();
}

function stopFollowing(): void {
  running?.stop();
  running = undefined;
  documents?.unsubscribe();
  documents = undefined;
}

export const applicationUpdates$ = (): Observable<ApplicationUpdate[]> =>
  from(openDatabase()).pipe(
    switchMap((db) => db.applications.find().$),
    map((docs) => docs.map((d) => d.toMutableJSON(false) as ApplicationUpdate)),
  );
