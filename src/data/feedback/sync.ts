// The office's answers to this device's complaints, pulled with RxDB's replication by checkpoint
// (GET /api/sync/complaints/pull, the device key as bearer), like the applications' updates. The
// server says "changed" on the device's application stream for complaints too; each (re)connection
// and each delivered complaint pulls again.
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { from, map, Subject, switchMap, type Observable } from 'rxjs';
import { SyncCheckpoint } from '../../domain/catalogue/collections.ts';
import type { ComplaintUpdate } from '../../domain/feedback/complaint.ts';
import { COMPLAINTS_SCHEMA_VERSION, openDatabase } from '../database.ts';
import { deviceKey } from '../outbox/device-key.ts';

let running: { replication: RxReplicationState<ComplaintUpdate, SyncCheckpoint>; events: EventSource; resync: Subject<'RESYNC'>; users: number } | undefined;

/** Starts following this device's complaints (once it has a key); returns a stop function. */
export async function followComplaints(): Promise<() => void> {
  const key = await deviceKey(false);
  if (!key) return () => undefined;
  if (running) {
    running.users++;
    return release;
  }
  const db = await openDatabase();
  if (running) {
    (running as { users: number }).users++;
    return release;
  }
  const resync = new Subject<'RESYNC'>();
  const replication = replicateRxCollection<ComplaintUpdate, SyncCheckpoint>({
    replicationIdentifier: `complaints-v${COMPLAINTS_SCHEMA_VERSION}`,
    collection: db.complaints,
    live: true,
    waitForLeadership: false,
    retryTime: 30_000,
    pull: {
      batchSize: 100,
      stream$: resync.asObservable(),
      async handler(checkpoint, batchSize) {
        const res = await fetch(`/api/sync/complaints/pull?seq=${checkpoint?.seq ?? 0}&limit=${batchSize}`, {
          headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
          cache: 'no-store',
        });
        if (!res.ok) throw new Error(`complaints pull: HTTP ${res.status}`);
        const body = (await res.json()) as { documents: never[]; checkpoint: unknown };
        return { documents: body.documents, checkpoint: SyncCheckpoint.parse(body.checkpoint) };
      },
    },
  });
  // EventSource cannot send headers; the key goes in the query (the server never logs query strings).
  const events = new EventSource(`/api/sync/applications/stream?key=${key}`);
  events.addEventListener('open', () => resync.next('RESYNC'));
  events.addEventListener('changed', () => resync.next('RESYNC'));
  running = { replication, events, resync, users: 1 };
  return release;
}

/** Pull now (a complaint was just delivered: its first state is on the server). */
export function refreshComplaints(): void {
  running?.resync.next('RESYNC');
}

function release(): void {
  if (!running || --running.users > 0) return;
  running.events.close();
  void running.replication.cancel();
  running.resync.complete();
  running = undefined;
}

export const complaintUpdates$ = (): Observable<ComplaintUpdate[]> =>
  from(openDatabase()).pipe(
    switchMap((db) => db.complaints.find().$),
    map((docs) => docs.map((d) => d.toMutableJSON(false) as ComplaintUpdate)),
  );
