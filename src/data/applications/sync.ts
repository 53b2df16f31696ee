// The office's updates of this device's applications (status, message, pick-up), pulled with RxDB's
// replication by checkpoint and kept live while a page is open: the server's event stream says when
// to pull, and every (re)connection pulls again (RESYNC). Only a device that has sent something has
// a key, so nothing runs before the first "Kirim".
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { from, map, Subject, switchMap, type Observable } from 'rxjs';
import { SyncCheckpoint } from '../../domain/catalogue/collections.ts';
import type { ApplicationUpdate } from '../../domain/submissions/submission.ts';
import { APPLICATIONS_SCHEMA_VERSION, openDatabase } from '../database.ts';
import { deviceKey } from '../outbox/device-key.ts';

type PullStreamItem = 'RESYNC';

let running: { replication: RxReplicationState<ApplicationUpdate, SyncCheckpoint>; events: EventSource; resync: Subject<PullStreamItem> } | undefined;

/** Starts following this device's applications, once it has a key; returns a stop function. */
export async function followApplications(): Promise<() => void> {
  const key = await deviceKey(false);
  if (!key) return () => undefined;
  if (running) return stopFollowing;
  const db = await openDatabase();
  const resync = new Subject<PullStreamItem>();
  const replication = replicateRxCollection<ApplicationUpdate, SyncCheckpoint>({
    replicationIdentifier: `applications-v${APPLICATIONS_SCHEMA_VERSION}`,
    collection: db.applications,
    live: true,
    waitForLeadership: false,
    retryTime: 30_000,
    pull: {
      batchSize: 100,
      stream$: resync.asObservable(),
      async handler(checkpoint, batchSize) {
        const res = await fetch(`/api/sync/applications/pull?seq=${checkpoint?.seq ?? 0}&limit=${batchSize}`, {
          headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
          cache: 'no-store',
        });
        if (!res.ok) throw new Error(`applications pull: HTTP ${res.status}`);
        const body = (await res.json()) as { documents: never[]; checkpoint: unknown };
        return { documents: body.documents, checkpoint: SyncCheckpoint.parse(body.checkpoint) };
      },
    },
  });
  // EventSource cannot send headers; the key goes in the query (the server never logs query strings).
  const events = new EventSource(`/api/sync/applications/stream?key=${key}`);
  events.addEventListener('open', () => resync.next('RESYNC'));
  events.addEventListener('changed', () => resync.next('RESYNC'));
  running = { replication, events, resync };
  return stopFollowing;
}

/** Pull now (after a delivery, the new application's first state is on the server). */
export function refreshApplications(): void {
  running?.resync.next('RESYNC');
}

function stopFollowing(): void {
  if (!running) return;
  running.events.close();
  void running.replication.cancel();
  running.resync.complete();
  running = undefined;
}

export const applicationUpdates$ = (): Observable<ApplicationUpdate[]> =>
  from(openDatabase()).pipe(
    switchMap((db) => db.applications.find().$),
    map((docs) => docs.map((d) => d.toMutableJSON(false) as ApplicationUpdate)),
  );
