// Makes the embedded PostgreSQL (PGlite) keep what it commits through a power cut. PGlite starts
// PostgreSQL with fsync off (`-F`), and its Node filesystem (Emscripten's NODEFS) has no fsync
// behind `fsync()` (pglite#1107): a commit reaches the operating system's cache, not the disk. Here
// NODEFS gets a real fsync (Node's, on the host file), and PostgreSQL starts with fsync on, so its
// own rules hold again: the WAL is on disk before a commit returns, before a data page that depends
// on it is written, and before a checkpoint lets older WAL go. That covers every write the server
// acknowledges (applications, uploads, office decisions, accounts), and keeps the data folder
// itself consistent after a cut, which no journal kept beside a database with fsync off could do.
import { fdatasyncSync, fsyncSync } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { PGlite, type PGliteInterface } from '@electric-sql/pglite';
import { NodeFS } from '@electric-sql/pglite/nodefs';

/** Counts the fsyncs PostgreSQL asked for, so opening can prove the hook is in place. */
export type SyncProbe = {
  count: number;
  /** Called after each fsync with the host path (tests record what became durable). */
  onSync?: (path: string) => void;
};

/** The parts of Emscripten's NODEFS this file relies on (checked at run time: PGlite may change). */
type NodeFsInternals = {
  stream_ops: Record<string, unknown> & { fsync?: (stream: NodeStream) => number };
  realPath(node: unknown): string;
  tryFSOperation<T>(work: () => T): T;
};
type NodeStream = { nfd: number; node: unknown };

export class DurabilityError extends Error {}

/**
 * PGlite's defaults without `-F`, and with the WAL synced by fsync(): Emscripten's fdatasync() is a
 * no-op that no filesystem can override, while fsync() reaches the hook below.
 */
export function durableStartParams(): string[] {
  return [...PGlite.defaultStartParams.filter((p) => p !== '-F'), '-c', 'wal_sync_method=fsync'];
}

/** PGlite's NodeFS on `dir`, whose files PostgreSQL can fsync. */
export class DurableNodeFS extends NodeFS {
  constructor(
    dir: string,
    private readonly probe: SyncProbe,
  ) {
    super(dir);
  }

  override async init(pg: PGlite, opts: Parameters<NodeFS['init']>[1]) {
    const { emscriptenOpts } = await super.init(pg, opts);
    const preRun = emscriptenOpts.preRun ?? [];
    // After NodeFS's own preRun has mounted the folder, before PostgreSQL runs (recovery syncs too).
    emscriptenOpts.preRun = [...preRun, (mod) => installFsync(mod.NODEFS as unknown as NodeFsInternals, this.probe)];
    return { emscriptenOpts };
  }
}

function installFsync(nodefs: NodeFsInternals, probe: SyncProbe): void {
  if (
    typeof nodefs?.stream_ops !== 'object' ||
    typeof nodefs.realPath !== 'function' ||
    typeof nodefs.tryFSOperation !== 'function'
  ) {
    throw new DurabilityError('this PGlite version has no NODEFS to add fsync to');
  }
  const walDir = `${sep}pg_wal${sep}`;
  // Every NODEFS stream shares this object: files and directories alike.
  nodefs.stream_ops.fsync = (stream) => {
    const path = nodefs.realPath(stream.node);
    // The WAL is preallocated, so fdatasync (what PostgreSQL itself uses for the WAL on Linux) is
    // enough there and spares the inode write fsync would add to every commit.
    nodefs.tryFSOperation(() => (path.includes(walDir) ? fdatasyncSync(stream.nfd) : fsyncSync(stream.nfd)));
    probe.count++;
    probe.onSync?.(path);
    return 0;
  };
}

const REQUIRED_SETTINGS = {
  fsync: 'on',
  full_page_writes: 'on',
  synchronous_commit: 'on',
  wal_sync_method: 'fsync',
} as const;

/**
 * Proves, on the open database, that a commit is synced: the settings are right, and a checkpoint
 * (which always syncs pg_control) reached the hook. Throws DurabilityError otherwise.
 */
export async function verifyDurable(pg: PGliteInterface, probe: SyncProbe): Promise<void> {
  const { rows } = await pg.query<{ name: string; setting: string }>(
    'select name, setting from pg_settings where name = any($1::text[])',
    [Object.keys(REQUIRED_SETTINGS)],
  );
  const actual = new Map(rows.map((r) => [r.name, r.setting]));
  const wrong = Object.entries(REQUIRED_SETTINGS).filter(([name, value]) => actual.get(name) !== value);
  if (wrong.length > 0) {
    const list = wrong.map(([name, value]) => `${name} is ${actual.get(name) ?? 'unknown'}, needs ${value}`);
    throw new DurabilityError(`the embedded database is not durable: ${list.join('; ')}`);
  }
  const before = probe.count;
  await pg.exec('checkpoint');
  if (probe.count === before) throw new DurabilityError('the embedded database did not sync its files at a checkpoint');
}

/**
 * fsyncs every file and directory under `dir` (and `dir` itself) from Node: whatever was written
 * without a sync — the cluster initdb copied in, a folder from a version that ran with fsync off, a
 * restored backup — is on disk before the server acknowledges anything.
 */
export async function syncTree(dir: string): Promise<number> {
  let synced = 0;
  const visit = async (path: string): Promise<void> => {
    const entries = await readdir(path, { withFileTypes: true });
    for (const entry of entries) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) await visit(child);
      else if (entry.isFile()) await syncPath(child);
      if (entry.isDirectory() || entry.isFile()) synced++;
    }
    // Last: the directory's entries name files that are now themselves on disk.
    await syncPath(path);
  };
  await visit(dir);
  return synced + 1;
}

/** fsync of one file or directory (Linux lets a directory opened read-only be synced). */
export async function syncPath(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
