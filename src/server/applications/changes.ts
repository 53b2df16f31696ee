// Tells open device streams that an application changed (stored, or moved by the office), so the
// device pulls at once. Each database handle has its own bus: on PostgreSQL several servers behind a
// load balancer share the data, so a change is also published with NOTIFY and every other server
// relays it to the streams it holds. Missing one is harmless: devices also pull on (re)connect.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Database } from '../storage/db.ts';

const CHANNEL = 'nusa_application_changes';
/** A bus per database handle, named so its own notifications are told apart from other servers'. */
const buses = new WeakMap<Database, { emitter: EventEmitter; name: string }>();

function busOf(db: Database) {
  const known = buses.get(db);
  if (known) return known;
  const bus = { emitter: new EventEmitter().setMaxListeners(0), name: randomUUID() };
  buses.set(db, bus);
  return bus;
}

/** Emits 'change' with the device-key hash of the application that changed. */
export function applicationChanges(db: Database): EventEmitter {
  return busOf(db).emitter;
}

/** After the change has committed: tells this server's streams, and (PostgreSQL) every other server's. */
export function publishApplicationChange(db: Database, deviceKeyHash: string): void {
  const bus = busOf(db);
  bus.emitter.emit('change', deviceKeyHash);
  if (db.listen) {
    db.query('select pg_notify($1, $2)', [CHANNEL, `${bus.name} ${deviceKeyHash}`]).catch(() => undefined);
  }
}

/** Relays the changes other servers publish to this server's streams; returns how to stop. */
export async function relayApplicationChanges(db: Database): Promise<() => Promise<void>> {
  if (!db.listen) return async () => undefined;
  const bus = busOf(db);
  return db.listen(CHANNEL, (payload) => {
    const [origin, hash] = payload.split(' ');
    if (origin !== bus.name && hash) bus.emitter.emit('change', hash);
  });
}
