// What the server owns about this device's own sendings (the office's updates of its applications,
// the answers to its complaints), pulled with RxDB's replication by checkpoint with the device key,
// and kept live while a page is open: one event stream per device says when to pull, and every
// (re)connection pulls again (RESYNC). Each collection follows with its own replication; they share
// the stream, so a phone keeps one connection open, not one per collection.
import type { RxCollection } from 'rxdb';
import { replicateRxCollection } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import { SyncCheckpoint } from '../domain/catalogue/collections.ts';

export type Following = {
  /** Pull now (something was just delivered: its first state is on the server). */
  refresh(): void;
  stop(): void;
};

let stream: { events: EventSource; changed: Subject<void>; users: number } | undefined;

function openStream(key: string): Subject<void> {
  if (!stream) {
    const changed = new Subject<void>();
    // EventSource cannot send headers; the key goes in the query (the server never logs query strings).
    const events = new EventSource(`/api/sync/applications/stream?key=${key}`);
    events.addEventListener('open', () => changed.next());
    events.addEventListener('changed', () => changed.next());
    stream = { events, changed, users: 0 };
  }
  stream.users++;
  return stream.changed;
}

function closeStream(): void {
  if (!stream || --stream.users > 0) return;
  stream.events.close();
  stream.changed.complete();
  stream = undefined;
}

/** Follows `collection` from `pullPath` (`?seq=&limit=`, the device key as bearer) until stopped. */
export function followDeviceCollection<T>(
  collection: RxCollection<T>,
  identifier: string,
  pullPath: string,
  key: string,
): Following {
  const resync = new Subject<'RESYNC'>();
  const changes = openStream(key).subscribe(() => resync.next('RESYNC'));
  const replication = replicateRxCollection<T, SyncCheckpoint>({
    replicationIdentifier: identifier,
    collection,
    live: true,
    waitForLeadership: false,
    retryTime: 30_000,
    pull: {
      batchSize: 100,
      stream$: resync.asObservable(),
      async handler(checkpoint, batchSize) {
        const res = await fetch(`${pullPath}?seq=${checkpoint?.seq ?? 0}&limit=${batchSize}`, {
          headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
          cache: 'no-store',
        });
        if (!res.ok) throw new Error(`${pullPath}: HTTP ${res.status}`);
        const body = (await res.json()) as { documents: never[]; checkpoint: unknown };
        return { documents: body.documents, checkpoint: SyncCheckpoint.parse(body.checkpoint) };
      },
    },
  });
  return {
    refresh: () => resync.next('RESYNC'),
    stop() {
      changes.unsubscribe();
      closeStream();
      void replication.cancel();
      resync.complete();
    },
  };
}
