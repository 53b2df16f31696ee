// The catalogue check in a worker of its own: RxDB, Dexie and zod are evaluated here, and the pulls
// written to IndexedDB here, so a first visit's main thread only draws the screens (on a slow phone,
// loading the device database on the page was a second of blocked taps). The database is the same
// one the page opens when it needs it: RxDB's multi-instance mode tells the page of every change.
import { openDatabase } from '../database.ts';
import { runCheck } from './check.ts';
import type { CheckReply, CheckRequest } from './check-protocol.ts';

const scope = globalThis as unknown as {
  onmessage: ((event: MessageEvent<CheckRequest>) => void) | null;
  postMessage(reply: CheckReply): void;
};

scope.onmessage = ({ data }) => {
  void openDatabase()
    .then((db) => runCheck(db, data.input))
    .then(
      (output) => scope.postMessage({ id: data.id, output }),
      (error: unknown) => scope.postMessage({ id: data.id, error: String(error) }),
    );
};
