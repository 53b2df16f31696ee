// How `npm run admin -- backup` reaches the server that owns an embedded database folder (one process
// per folder): a Unix socket in the data folder, readable by the server's own user only. The admin
// command asks for a backup; the server streams it (backup.ts) in frames: D data, E error, Z done.
import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { type BackupSummary, writeBackup } from './backup.ts';
import type { Queryable } from './db.ts';
import { backupSocketPath, pgliteDir } from './folders.ts';

const REQUEST = 'backup\n';

function frame(kind: 'D' | 'E' | 'Z', payload: Buffer): Buffer {
  const head = Buffer.alloc(5);
  head.write(kind, 0, 'latin1');
  head.writeUInt32BE(payload.length, 1);
  return Buffer.concat([head, payload]);
}

/** A stream that sends what is written to it as data frames, respecting the socket's back-pressure. */
function dataFrames(socket: Socket): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (socket.write(frame('D', chunk))) callback();
      else socket.once('drain', () => callback());
    },
  });
}

/** Serves backups of the embedded database in `dataDir` on the folder's socket; returns how to stop. */
export async function serveBackups(
  dataDir: string,
  db: Queryable,
  log: { info(o: object, m: string): void; warn(o: object, m: string): void },
): Promise<() => Promise<void>> {
  const path = backupSocketPath(dataDir);
  // Left by a server that died: the folder lock is ours, so the socket is too.
  await rm(path, { force: true });
  let busy = false;
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    let asked = '';
    socket.on('data', function onData(part: Buffer) {
      asked += part.toString('latin1');
      if (!asked.includes('\n')) return;
      socket.off('data', onData);
      if (asked !== REQUEST || busy) {
        socket.end(frame('E', Buffer.from(busy ? 'a backup is already running' : 'unknown request')));
        return;
      }
      busy = true;
      log.info({}, 'backup started');
      writeBackup(db, pgliteDir(dataDir), dataFrames(socket))
        .then((summary) => {
          log.info(summary, 'backup done');
          socket.end(frame('Z', Buffer.from(JSON.stringify(summary))));
        })
        .catch((err: unknown) => {
          log.warn({ err: { message: (err as Error).message } }, 'backup failed');
          socket.end(frame('E', Buffer.from((err as Error).message)));
        })
        .finally(() => {
          busy = false;
        });
    });
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(path, resolve));
  await chmod(path, 0o600);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await rm(path, { force: true });
  };
}

/**
 * Asks the server owning `dataDir` for a backup, written to `out`. Null when no server listens there
 * (none runs on the folder): the caller may then open the folder itself.
 */
export async function requestBackup(dataDir: string, out: NodeJS.WritableStream): Promise<BackupSummary | null> {
  const socket = createConnection(backupSocketPath(dataDir));
  const connected = await new Promise<boolean>((resolve, reject) => {
    socket.once('connect', () => resolve(true));
    socket.once('error', (err: NodeJS.ErrnoException) =>
      err.code === 'ENOENT' || err.code === 'ECONNREFUSED' ? resolve(false) : reject(err),
    );
  });
  if (!connected) return null;
  socket.write(REQUEST);
  return new Promise<BackupSummary>((resolve, reject) => {
    let pending = Buffer.alloc(0);
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      reject(err);
    };
    socket.on('data', (part: Buffer) => {
      pending = Buffer.concat([pending, part]);
      while (pending.length >= 5) {
        const length = pending.readUInt32BE(1);
        if (pending.length < 5 + length) break;
        const kind = pending.toString('latin1', 0, 1);
        const payload = pending.subarray(5, 5 + length);
        pending = pending.subarray(5 + length);
        if (kind === 'D') {
          if (!out.write(payload)) {
            socket.pause();
            out.once('drain', () => socket.resume());
          }
        } else if (kind === 'Z') {
          settled = true;
          resolve(JSON.parse(payload.toString('utf8')) as BackupSummary);
        } else {
          fail(new Error(`the server could not make the backup: ${payload.toString('utf8')}`));
        }
      }
    });
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed the connection before the backup was complete')));
  });
}
