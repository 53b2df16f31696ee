// Tells open device streams in this process that an application changed (stored, or moved by the
// office). Several servers behind a load balancer would relay this through PostgreSQL LISTEN/NOTIFY.
import { EventEmitter } from 'node:events';

/** Emits 'change' with the device-key hash of the application that changed. */
export const applicationChanges = new EventEmitter().setMaxListeners(0);
